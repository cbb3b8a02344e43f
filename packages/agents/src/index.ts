/**
 * The agents (ChatAgent, Prazo Certo, Encher Agenda) and their LLM provider. They act only through
 * @agenda-cheia/core. Arrive with the AI-agents work.
 */
export {};
