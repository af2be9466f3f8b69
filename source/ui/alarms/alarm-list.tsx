import {useDisplay} from '../shared/display-context.js';
import type {Segment} from '../../render/segments.js';
import {Pager} from '../shared/pager.js';

export type AlarmListProps = {
	/** Every line of the list (alarmListLines), already sanitized. */
	readonly lines: readonly Segment[][];
	readonly width: number;
	/** Rows including the title line. */
	readonly height: number;
	/** First visible line (clamped here too). */
	readonly scroll: number;
};

/** The `a` view: every IoT alarm with its state, since when, what it watches and why; j/k scroll. */
export function AlarmList({lines, width, height, scroll}: AlarmListProps) {
	const {glyphs: g} = useDisplay();
	const title: Segment[] = [{text: ' ALARMS', bold: true}, {text: ` ${g.sep} CloudWatch alarms on AWS/IoT metrics`, dim: true}];
	return <Pager title={title} total={lines.length} lineAt={index => lines[index] ?? []} scroll={scroll} width={width} height={height} />;
}
