// Types for localeProxy.cjs.
export interface LocaleProxy {
  /** The endpoint to give the playground instead of the bot's. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startLocaleProxy(options: { target: string; locale: string; host?: string }): Promise<LocaleProxy>;

export function relocalize<T>(activity: T, locale: string): T;
