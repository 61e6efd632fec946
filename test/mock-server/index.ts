// The SiliconFlow-compatible mock server: start it, point `siliconflow.baseUrl` at `server.baseUrl`.

import { SiliconFlowMockServer } from './server';
import type { MockServer, MockServerOptions } from './types';

export type * from './types';
export { SiliconFlowMockServer, presentedKey, redactHeaders } from './server';
export { LISTED_MODELS, HYBRID_THINKING_MODELS, supportsEnableThinking, alwaysReasons, contextWindowOf, estimateTokens } from './models';
export { MESSAGES, FORBIDDEN_CODES, statusError, midstreamErrorEvent } from './errors';
export { defaultScript, reviewCode, findFencedCode, longAnswer } from './answers';
export { parseDirectives } from './directives';
export { FIM_MODELS, FIM_NOISES, FIM_REFUSAL_MESSAGE, defaultFimText, fimEvents, withFimNoise, type FimNoise } from './fim';
export {
  renderEvents,
  renderStream,
  openAIEvents,
  anthropicEvents,
  openAICompletion,
  anthropicMessage,
  encodeEvent,
  chunkUnits,
  splitPieces,
  finishReasonFor,
  type SseEvent,
  type RenderContext,
  type WireProtocol,
} from './render';
export { planStream, type Step } from './writer';
export { seededRandom } from './random';
export { startRecordingProxy, type RecordingProxy, type RecordingProxyOptions } from './recordingProxy';

/** Starts the mock on 127.0.0.1 (a free port unless `opts.port`); resolves once it listens. */
export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const server = new SiliconFlowMockServer(opts);
  await server.listen();
  return server;
}
