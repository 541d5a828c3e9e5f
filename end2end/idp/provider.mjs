// A real OpenID provider for the browser tests: oidc-provider (a certified
// implementation) with its own login and consent pages, and three people
// whose groups map to pgdeck roles differently (PGDECK_OIDC_ROLE_MAP in
// scripts/test.sh): dana (dba → admin), olga (ops → operator) and sam
// (sales → no role).
//
//   IDP_PORT=… PGDECK_SSO_URL=http://127.0.0.1:… node end2end/idp/provider.mjs
import Provider from 'oidc-provider';

const port = Number(process.env.IDP_PORT);
const pgdeck = process.env.PGDECK_SSO_URL;
const people = {
  dana: { name: 'Dana Kim', groups: ['dba', 'everyone'] },
  olga: { name: 'Olga Park', groups: ['ops', 'everyone'] },
  sam: { name: 'Sam Lee', groups: ['sales', 'everyone'] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'pgdeck-e2e',
    client_secret: 'pgdeck-e2e-secret',
    redirect_uris: [`${pgdeck}/auth/oidc/callback`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  scopes: ['openid', 'profile', 'email', 'groups'],
  // The claims of the scopes asked for go into the ID token itself.
  conformIdTokenClaims: false,
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => {
      const p = people[id] ?? { name: id, groups: [] };
      return { sub: `sub-${id}`, name: p.name, preferred_username: id, email: `${id}@example.com`, groups: p.groups };
    },
  }),
  cookies: { keys: ['pgdeck-e2e-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider at http://127.0.0.1:${port}`));
