// The pieces card data is made of. Generous outer bounds: the domain enforces the exact limits with
// field-specific messages.
import { z } from 'zod';

const text = z.string().max(10_000);
export const optionalText = text.optional();
export const id = z.string().min(1).max(200);
const version = z.coerce.number().int().min(1);
/** Every verb's data carries the card version. */
export const versioned = { v: version };
/** ... and all but two the case they are about. */
export const withCase = { v: version, caseId: id };
/** A page of a paged card, from 0; older cards carry none and get the first. */
export const page = z.coerce.number().int().min(0).max(10_000).optional();
/** Teams sends input values as text; a number input may come as a number. */
export const answerValue = z.union([text, z.number()]).transform(String);
/** An Input.Toggle with valueOn "true" and valueOff "false" (Teams may send a boolean); a card without it sends none: false. */
export const toggle = z.union([z.boolean(), z.enum(['true', 'false'])]).optional().transform((value) => value === true || value === 'true');
