// Streams one command request through the service and reports the answer text as it grows.
import type { ChatMessage } from '../client';
import { SiliconFlowError } from '../client';
import type { SiliconFlowService } from '../service/gateway';

export type AnswerResult =
  | { status: 'done'; text: string; finishReason: string }
  | { status: 'cancelled'; text: string }
  | { status: 'failed'; text: string; message: string };

/** Runs the request; never throws. `onText` receives the whole answer so far (thinking excluded). */
export async function streamAnswer(
  service: SiliconFlowService,
  messages: ChatMessage[],
  signal: AbortSignal,
  onText: (answer: string) => void,
): Promise<AnswerResult> {
  let text = '';
  let finishReason = 'stop';
  try {
    for await (const event of service.stream(messages, { purpose: 'command', signal })) {
      if (event.type === 'text') {
        text += event.text;
        onText(text);
      } else if (event.type === 'done') finishReason = event.finishReason;
    }
  } catch (err) {
    if (signal.aborted || (err instanceof SiliconFlowError && err.kind === 'cancelled')) return { status: 'cancelled', text };
    // SiliconFlowError and the service's own errors carry a user-facing message without the key.
    return { status: 'failed', text, message: err instanceof Error ? err.message : String(err) };
  }
  if (signal.aborted) return { status: 'cancelled', text };
  return { status: 'done', text, finishReason };
}
