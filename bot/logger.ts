// Structured logs. Log ids, codes and counts only: never a name, a text a user wrote, or card data.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'samarbejdsbot' },
    // A second line of defence: if a payload reaches a log call anyway, these never print.
    redact: { paths: ['text', 'value', 'data', 'attachments', '*.text', '*.value', '*.data', '*.name', 'from.name'], censor: '[redacted]' },
  });
}
