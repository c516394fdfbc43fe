/**
 * HealthImaging refuses a bearer token issued (`iat`) more than 12 hours ago, whatever its `exp`, before it invokes
 * the authorizer. The authorizer and the local endpoint apply the same rule.
 */
export const maxTokenAgeSeconds = 12 * 60 * 60;
