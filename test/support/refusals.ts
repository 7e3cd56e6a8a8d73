// The code of the DomainError a call is refused with; any other error fails the test as it is.
import { DomainError } from '../../bot/domain/errors';

export function refusalOf(run: () => unknown): DomainError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
}

export function codeOf(run: () => unknown): string {
  return refusalOf(run)?.code ?? 'no refusal';
}

export async function asyncCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no refusal';
}
