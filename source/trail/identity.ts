/**
 * Who made a CloudTrail call, in words. Answers the questions AWS's own userIdentity documentation
 * asks: root credentials? an IAM user (which)? temporary credentials of an assumed role (which role,
 * which session, MFA or not, issued by whom) or a federated user (GetFederationToken, SAML, web
 * identity, IAM Identity Center)? an AWS service acting for the account? another account?
 * Reads the parsed record defensively and falls back to the LookupEvents fields of the TrailEvent.
 * Every string returned is sanitized: safe to print, and what the filters match against.
 */
import type {TrailEvent} from '../types.js';
import {recentMemo} from './memo.js';
import {partsOf} from './identity-parts.js';
import {describeParts, fromEventFields} from './identity-summary.js';
import type {Identity} from './identity-types.js';
import {objectAt, recordOf} from './record.js';

export type {Identity, IdentityKind} from './identity-types.js';

/** The caller of `event` in words (the last few are memoised; events are immutable). */
export const describeIdentity: (event: TrailEvent) => Identity = recentMemo(256, (event: TrailEvent): Identity => {
	const record = recordOf(event);
	const identity = objectAt(record, 'userIdentity');
	return record === undefined
		? fromEventFields(event, 'Identity from the LookupEvents fields only: the record could not be read')
		: identity === undefined
			? fromEventFields(event, 'Identity from the LookupEvents fields only: the record has no userIdentity')
			: describeParts(partsOf(record, identity, event));
});

// One short string per event, kept as long as the event: filters match every event of the buffer on it.
const labels = new WeakMap<TrailEvent, string>();

/** Just the short label ("user alice"), memoised per event object. */
export function identityLabel(event: TrailEvent): string {
	let label = labels.get(event);
	if (label === undefined) {
		label = describeIdentity(event).label;
		labels.set(event, label);
	}
	return label;
}
