/** The URL under which the host serves a file of the active version of a pack (see main/host/packs/serve.ts). */
export function packAssetUrl(packId: string, path: string): string {
  return `/packs/${encodeURIComponent(packId)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
