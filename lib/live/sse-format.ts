import "server-only";

const encoder = new TextEncoder();

/** One SSE message. `data` is written one `data:` line per line of text. */
export function formatSseEvent(message: { id?: string; event?: string; data: string }): string {
  let out = "";
  if (message.id !== undefined) out += `id: ${message.id.replace(/[\r\n]/g, "")}\n`;
  if (message.event !== undefined) out += `event: ${message.event.replace(/[\r\n]/g, "")}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** An SSE comment (ignored by EventSource; keeps proxies from timing out the stream). */
export function formatSseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

export function encodeSse(text: string): Uint8Array {
  return encoder.encode(text);
}
