import type { CatalogFile } from './catalogTypes';
import type { VendorProfile } from './profileTypes';
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
import aicriskProfile from './profiles/aicrisk.json';
import akoyaProfile from './profiles/akoya.json';
import auth0Profile from './profiles/auth0.json';
import authleteProfile from './profiles/authlete.json';
import awsSsoProfile from './profiles/aws-sso.json';
import cognitoProfile from './profiles/cognito.json';
import dropboxProfile from './profiles/dropbox.json';
import duendeProfile from './profiles/duende.json';
import entraProfile from './profiles/entra.json';
import githubProfile from './profiles/github.json';
import googleProfile from './profiles/google.json';
import keycloakProfile from './profiles/keycloak.json';
import oktaProfile from './profiles/okta.json';
import oryProfile from './profiles/ory.json';
import pingProfile from './profiles/ping.json';
import salesforceProfile from './profiles/salesforce.json';
import slackProfile from './profiles/slack.json';

/**
 * The catalog files that ship with Token Error Help, standards first (the first
 * entry with an id wins). The CLI and the unit tests inline them through
 * `src/core/index.ts`; the build writes them to the extension's catalog asset
 * (`dist/catalog.json`, see `asset.ts`), so the extension bundle never holds them.
 */
export const bundledCatalogFiles: readonly CatalogFile[] = [
	[oauth], [http], [entra, entraProfile], [okta, oktaProfile], [auth0, auth0Profile], [google, googleProfile],
	[github, githubProfile], [keycloak, keycloakProfile], [cognito, cognitoProfile], [salesforce, salesforceProfile],
	[slack, slackProfile], [authlete, authleteProfile], [akoya, akoyaProfile], [aicrisk, aicriskProfile],
	[duende, duendeProfile], [ping, pingProfile], [ory, oryProfile], [awsSso, awsSsoProfile], [dropbox, dropboxProfile],
	[libraries],
].map(([file, ...profiles]) => ({ ...(file as unknown as CatalogFile), profiles: profiles as unknown as VendorProfile[] }));
