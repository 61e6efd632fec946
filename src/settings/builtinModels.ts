// Shown by Select Model when the account's list cannot be loaded (no key yet, offline): chat
// models SiliconFlow serves that suit coding. Any other id can still be typed in the picker.
export const BUILT_IN_MODELS: readonly string[] = [
  'Qwen/Qwen3-Coder-480B-A35B-Instruct',
  'Qwen/Qwen3-Coder-30B-A3B-Instruct',
  'deepseek-ai/DeepSeek-V3.2',
  'Pro/deepseek-ai/DeepSeek-V3.2',
  'deepseek-ai/DeepSeek-R1',
  'Pro/zai-org/GLM-4.7',
  'zai-org/GLM-4.6',
  'moonshotai/Kimi-K2-Instruct-0905',
  'Qwen/Qwen3-235B-A22B-Instruct-2507',
  'Qwen/Qwen3-235B-A22B-Thinking-2507',
  'Qwen/Qwen3-32B',
  'Qwen/Qwen2.5-Coder-32B-Instruct',
];
