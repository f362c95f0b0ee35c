/** The key the service prints (`npm run connection-key`): `aak1_` + base64url(JSON { url, secret }). */
export function connectionKey(service: { url: string; secret: string }): string {
  return `aak1_${Buffer.from(JSON.stringify({ url: service.url, secret: service.secret })).toString('base64url')}`;
}
