/** The caller of a CloudTrail event, as iot-monitor describes it (identity.ts). */

export type IdentityKind =
	| 'root'
	| 'iam-user'
	| 'assumed-role'
	| 'identity-center-role'
	| 'federated-user'
	| 'saml-user'
	| 'web-identity-user'
	| 'identity-center-user'
	| 'aws-account'
	| 'aws-service'
	| 'unknown';

/** The caller of one event, answered in words. All strings are sanitized. */
export type Identity = {
	readonly kind: IdentityKind;
	/** Short label for the list and the user filter: "root", "user alice", "role deploy-role/ci-1234". */
	readonly label: string;
	/** A few sentences for the detail view, most important first. */
	readonly summary: readonly string[];
	/** Temporary (STS) credentials, long-term ones, or not known. */
	readonly temporary: boolean | null;
	/** Whether the session was MFA-authenticated, when the record says. */
	readonly mfa: boolean | null;
	/** False when the record could not be read and only the LookupEvents fields were used. */
	readonly fromRecord: boolean;
};
