// The client's error messages are English (it has no vscode). When VS Code shows another language,
// the service replaces them with a translated sentence chosen by the error's kind, status and code,
// keeping the kind, status, code, trace id and retryable flag. Pure: unit-tested.
import { consoleUrlFor, hostOf, networkCause, SiliconFlowError } from '../client';
import type { Translator } from './translator';

export interface ErrorContext {
  model: string;
  baseUrl: string;
}

/** The part of the client's message that quotes the server, kept verbatim (it is the server's own text). */
function serverQuote(message: string): string {
  const m = /Server said: (".*?")( \[code [^\]]+\])?\./.exec(message);
  return m ? `${m[1]}${m[2] ?? ''}` : '';
}

/** A network failure in plain words by its cause; the Node / undici code stays in the log only. */
function networkText(err: SiliconFlowError, host: string, l10n: Translator): string {
  const midAnswer = /before the answer was complete/.test(err.message);
  let sentence: string;
  switch (networkCause(err.code)) {
    case 'closed': sentence = l10n.t('The connection to {0} was closed by the server or the network.', host); break;
    case 'refused': sentence = l10n.t('{0} refused the connection (nothing answers at that address).', host); break;
    case 'timeout': sentence = l10n.t('The connection to {0} timed out.', host); break;
    case 'dns': sentence = l10n.t('The address {0} could not be found (no such host, or no DNS).', host); break;
    case 'unreachable': sentence = l10n.t('{0} cannot be reached from this network.', host); break;
    case 'tls': sentence = l10n.t('The secure connection to {0} failed: its certificate was not accepted.', host); break;
    default: sentence = midAnswer ? l10n.t('The connection to {0} was lost.', host) : l10n.t('Could not reach {0}.', host);
  }
  return `${sentence} ${midAnswer ? l10n.t('The answer was not complete; try again.') : l10n.t('Check the network connection, the proxy settings and "siliconflow.baseUrl".')}`;
}

export function localizedErrorText(err: SiliconFlowError, ctx: ErrorContext, l10n: Translator): string {
  const { model, baseUrl } = ctx;
  const code = err.code === undefined ? undefined : String(err.code);
  let text: string;
  switch (err.kind) {
    case 'auth':
      text = l10n.t('The API key was rejected by {0} (401). A key from siliconflow.cn only works with https://api.siliconflow.cn/v1 and a key from siliconflow.com only with https://api.siliconflow.com/v1. Set the key again, or change "siliconflow.baseUrl".', hostOf(baseUrl));
      break;
    case 'forbidden':
      if (code === '30001' || /balance|insufficient/i.test(err.message)) {
        text = l10n.t('Your SiliconFlow account balance is insufficient. Top up at {0} and try again.', consoleUrlFor(baseUrl));
      } else if (code === '30011' || /real-name|verification/i.test(err.message)) {
        text = l10n.t('The model {0} is only available after real-name verification of your account. Complete it at {1}, or choose another model.', model, consoleUrlFor(baseUrl));
      } else {
        text = l10n.t('Access to {0} was denied (403): usually the balance is insufficient or the model requires real-name verification. Check {1}.', model, consoleUrlFor(baseUrl));
      }
      break;
    case 'bad_request':
      if (code === '20012' || /does not exist/i.test(err.message)) {
        text = l10n.t('The model {0} does not exist or is not available to your account. Choose another one with "SiliconFlow: Select Model".', model);
      } else if (/too long for the context window/i.test(err.message)) {
        text = l10n.t('The prompt is too long for the context window of {0}. Shorten the conversation or the selection, or start a new chat.', model);
      } else {
        text = l10n.t('The model {0} rejected the request (400): a parameter it does not support, or a prompt longer than its context window.', model);
      }
      break;
    case 'not_found':
      if (err.status !== undefined && err.status >= 300 && err.status < 400) {
        text = err.location
          ? l10n.t('The API address {0} redirects ({1}) to {2}. The request was not sent there; set "siliconflow.baseUrl" to {2} if you trust it.', baseUrl, err.status, err.location)
          : l10n.t('The API address {0} answered with a redirect ({1}) to no address. Check "siliconflow.baseUrl".', baseUrl, err.status);
        break;
      }
      text = l10n.t('Nothing was found at {0} (404): "siliconflow.baseUrl" is probably wrong. It should look like https://api.siliconflow.cn/v1.', baseUrl);
      break;
    case 'rate_limit':
      text = l10n.t("SiliconFlow's rate limit for your account was reached (429). Wait a moment and try again.");
      break;
    case 'overloaded':
      text = l10n.t('The model {0} is overloaded on SiliconFlow (503). Try again later or choose another model.', model);
      break;
    case 'timeout':
      if (/without sending any of the answer/.test(err.message)) {
        text = l10n.t('SiliconFlow kept the connection open without sending any of the answer (only keep-alive events), so the request was stopped. The model may be overloaded; try again or choose another model.');
        break;
      }
      text = l10n.t('SiliconFlow did not answer in time. Try again, or raise "siliconflow.requestTimeoutSeconds" for long reasoning.');
      break;
    case 'network':
      text = networkText(err, hostOf(baseUrl), l10n);
      break;
    case 'truncated':
      text = l10n.t('The answer stopped before it was complete. The text so far is kept; try again for the full answer.');
      break;
    case 'cancelled':
      text = l10n.t('The request was cancelled.');
      break;
    case 'protocol':
      text = l10n.t('SiliconFlow sent something this extension cannot read.');
      break;
    default:
      text = l10n.t('SiliconFlow answered with an error ({0}).', err.status ?? err.kind);
  }
  const quote = serverQuote(err.message);
  if (quote) text += ` ${l10n.t('Server said: {0}', quote)}`;
  if (err.traceId) text += ` ${l10n.t('(trace id: {0})', err.traceId)}`;
  return text;
}

/** A copy of `err` with the translated message; the same kind, status, code, trace id and retryable flag. */
export function localizeError(err: SiliconFlowError, ctx: ErrorContext, l10n: Translator): SiliconFlowError {
  return new SiliconFlowError(localizedErrorText(err, ctx, l10n), err.kind, err.retryable, {
    status: err.status,
    code: err.code,
    traceId: err.traceId,
    location: err.location,
    cause: err,
  });
}
