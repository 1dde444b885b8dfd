/** Installs the Debian packages that are missing (apt-get update first); needs root. */
export function ensureDebianPackages(packages: string[]): Promise<void>;
