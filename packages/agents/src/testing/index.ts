export {
  type FakeChatRequest,
  type FakeOpenAiServer,
  type FakeOpenAiServerOptions,
  type FakeResponder,
  type FakeToolCall,
  type FakeTurn,
  lastMessage,
  lastUserText,
  latestToolResults,
  messageText,
  startFakeOpenAiServer,
  systemPrompt,
} from './fake-openai-server';
