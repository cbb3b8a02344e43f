/**
 * The agents (ChatAgent, Prazo Certo, Encher Agenda) and their LLM provider. They act only through
 * @agenda-cheia/core.
 */
export * from './chat/agent-state';
export * from './chat/chat-tools';
export * from './chat/slot-finder';
export * from './chat/offline-agent';
export * from './chat/chat-agent';
export * from './chat/playground';
export * from './campaigns/campaign-run-queue';
export * from './campaigns/campaign-runner';
export * from './campaigns/prazo-certo';
export * from './campaigns/encher-agenda';
export * from './scheduler/campaign-schedule';
export * from './scheduler/campaign-scheduler';
export * from './chat/llm-agent';
export * from './llm';
export * from './understanding';
