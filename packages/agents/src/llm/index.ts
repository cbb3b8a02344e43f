export { createLlmClient, listModels, type LlmSettings } from './client';
export { type LlmFailureKind, LlmUnavailableError } from './errors';
export { StrictSchemaError } from './strict-json-schema';
export {
  type FinishReason,
  runToolLoop,
  type RunToolLoopOptions,
  type ToolCallRecord,
  type ToolLoopResult,
} from './tool-loop';
export {
  defineTool,
  type LlmTool,
  type ToolCallInfo,
  type ToolDefinition,
  ToolError,
  type ToolInvocation,
} from './tools';
