/**
 * The version every card action carries as `v`. Raise it when a verb's data changes shape, and keep
 * answering the older shape (or answer it with the current card): see cards/README.md.
 */
export const CARD_VERSION = 1;
