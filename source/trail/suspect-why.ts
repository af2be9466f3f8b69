/**
 * The words of a suspect: "New default version 7 of policy P, 2 min before the drop" and the evidence
 * behind it (what such a change can do to this metric, its reach, whether it is older than the delay
 * such a change takes to show). Every string is sanitized.
 */
import type {OperationImpact} from '../iot/operations.js';
import {sanitize} from '../text/sanitize.js';
import {clean} from './change.js';
import {identityLabel} from './identity.js';
import {EFFECT_DELAY_MS, type Deviation} from './suspect-evidence.js';
import type {Scored, Suspect, SuspectSection} from './suspect-types.js';

const MINUTE = 60_000;

const IMPACT_WORDS: Readonly<Record<OperationImpact, string>> = {
	credentials: 'changes which devices can authenticate',
	permissions: 'changes what devices may do',
	deploy: 'sends work to devices (downloads, restarts, reconnects)',
	route: 'changes where device messages go',
	grant: 'adds devices, credentials or permissions',
	none: 'does not change device traffic',
};

function minutesText(ms: number): string {
	if (ms < MINUTE) return 'under a minute';
	return `${Math.round(ms / MINUTE)} min`;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function fitText(relevance: number, deviation: Deviation): string {
	const what = `${deviation.metric}${deviation.direction === null ? '' : deviation.direction === 'down' ? ' falling' : ' rising'}`;
	if (relevance >= 0.8) return `can explain ${what}`;
	if (relevance >= 0.3) return `could contribute to ${what}`;
	return `unlikely to explain ${what}`;
}

/** One suspect in words: why it is one (the change and when), the evidence behind it, and who made it. */
export function suspectOf(item: Scored, section: SuspectSection, rank: number, deviation: Deviation, onset: number): Suspect {
	const {event, change, score} = item;
	const gap = event.eventTime < onset ? onset - event.eventTime : event.eventTime - onset;
	const when =
		section === 'after'
			? `${minutesText(gap)} after the ${deviation.noun} began: cannot have caused it`
			: `${minutesText(gap)} before the ${deviation.noun}`;
	const why = `${capitalise(change.phrase)}, ${when}`;
	const relevance = deviation.relevance[change.impact];
	const reach =
		change.scope !== 'device' || change.impact === 'none'
			? ''
			: deviation.volume
				? '; it reaches one device: little for a fleet-wide change'
				: '; it reaches one device: a change to a group or the fleet explains a burst better';
	const delay = EFFECT_DELAY_MS[change.impact];
	const late = section !== 'after' && change.impact !== 'none' && gap > delay ? `; older than the ${delay / MINUTE} min such a change takes to show` : '';
	const weak = change.strength > 0 && change.strength < 0.5 && change.impact !== 'none' ? ' (this call only a little)' : '';
	const kindText =
		section === 'after'
			? `${capitalise(IMPACT_WORDS[change.impact])}${weak}`
			: `${capitalise(IMPACT_WORDS[change.impact])}${weak}: ${relevance > 0 && change.impact !== 'none' ? fitText(relevance, deviation) : `unlikely to explain ${deviation.metric}`}${reach}${late}`;
	return {
		event,
		score,
		section,
		rank,
		resource: change.resource,
		what: clean(change.what, 64) ?? '',
		why,
		evidence: kindText,
		reasons: [why, kindText, `By ${sanitize(identityLabel(event))}`],
	};
}
