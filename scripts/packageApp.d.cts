// Types for packageApp.cjs (`npm run package`).
export interface AppIds {
  TEAMS_APP_ID?: string;
  BOT_ID?: string;
  BOT_DOMAIN?: string;
}

export interface BuildOptions {
  ids: AppIds;
  /** The file is appPackage.<envName>.zip; default `local`. */
  envName?: string;
  /** Default: appPackage/ of this repository. */
  appPackageDir?: string;
  /** Default: <appPackageDir>/build. */
  outputDir?: string;
}

export interface BuiltPackage {
  zipPath: string;
  files: string[];
  manifest: Record<string, unknown>;
}

export class PackageError extends Error {}

export function buildAppPackage(options: BuildOptions): Promise<BuiltPackage>;

export function resolveEnvironment(argv: string[], env: Record<string, string | undefined>): { ids: Required<AppIds>; envName: string };

export function parseEnvFile(text: string): Record<string, string>;
