import type { CatalogFile } from './catalogTypes';
import aicrisk from './data/aicrisk.json';
import akoya from './data/akoya.json';
import auth0 from './data/auth0.json';
import authlete from './data/authlete.json';
import awsSso from './data/aws-sso.json';
import cognito from './data/cognito.json';
import dropbox from './data/dropbox.json';
import duende from './data/duende.json';
import entra from './data/entra.json';
import github from './data/github.json';
import google from './data/google.json';
import http from './data/http.json';
import keycloak from './data/keycloak.json';
import libraries from './data/libraries.json';
import oauth from './data/oauth.json';
import okta from './data/okta.json';
import ory from './data/ory.json';
import ping from './data/ping.json';
import salesforce from './data/salesforce.json';
import slack from './data/slack.json';

/**
 * The catalog files that ship with Token Error Help, standards first (the first
 * entry with an id wins). The CLI and the unit tests inline them through
 * `src/core/index.ts`; the build writes them to the extension's catalog asset
 * (`dist/catalog.json`, see `asset.ts`), so the extension bundle never holds them.
 */
export const bundledCatalogFiles: readonly CatalogFile[] = [
	oauth, http, entra, okta, auth0, google, github, keycloak, cognito, salesforce, slack,
	authlete, akoya, aicrisk, duende, ping, ory, awsSso, dropbox, libraries,
] as unknown as CatalogFile[];
