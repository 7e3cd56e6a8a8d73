// Structured logs. Log ids, codes and counts only: never a name, a text a user wrote, or card data.
import pino from 'pino';

export type Logger = pino.Logger;

/** `destination`: where the lines go (default stdout); tests give a stream to read every line written. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'samarbejdsbot' },
    // A second line of defence: if a payload reaches a log call anyway, these never print.
    redact: { paths: ['text', 'value', 'data', 'attachments', '*.text', '*.value', '*.data', '*.name', 'from.name'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
