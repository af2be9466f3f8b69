// one-off diagnostic, not committed
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {Judge} from './source/baseline/judge.js';
import {settingsWith, inferStepMs} from './bench/nab.ts';
const root = '/work/shared/datasets/nab/data';
const W = JSON.parse(readFileSync('/work/shared/datasets/nab/windows.json', 'utf8')) as Record<string, [string, string][]>;
const ts = (x: string) => Date.parse(`${x.replace(' ', 'T').slice(0, 19)}Z`);
const sets = process.argv.slice(2).map(a => Object.fromEntries(a.split(',').filter(Boolean).map(kv => { const [k, v] = kv.split('='); return [k!, Number(v)]; })));
const files = readdirSync(root).flatMap(d => readdirSync(join(root, d)).map(f => `${d}/${f}`)).sort();
const verbose = process.env.V === '1';
for (const rel of files) {
	const lines = readFileSync(join(root, rel), 'utf8').trim().split(/\r?\n/).slice(1);
	const T = lines.map(l => ts(l.split(',')[0]!)); const V = lines.map(l => Number(l.split(',')[1]));
	const wins = (W[rel] ?? []).map(([a, b]) => [ts(a), ts(b)] as const);
	const out: string[] = [];
	for (const o of sets) {
		const s = settingsWith(o);
		const j = new Judge({stepMs: inferStepMs(T), bad: 'both', rules: s.rules, params: s.params});
		const caught = wins.map(() => 0); let fp = 0; let areaRises = 0; const det: string[] = [];
		for (let i = 0; i < V.length; i++) {
			const v = j.update(T[i]!, V[i]!);
			if (!v.rose) continue;
			const areaWon = v.flag.peak !== null && v.estimate.areaZ !== 0 && v.flag.peak.z === v.estimate.areaZ;
			if (areaWon) areaRises++;
			const w = wins.findIndex(([a, b]) => T[i]! >= a && T[i]! <= b);
			if (w >= 0) caught[w]++; else fp++;
			if (verbose && areaWon) det.push(`${new Date(T[i]!).toISOString().slice(0, 16)} ${w >= 0 ? 'W' + (w + 1) : 'FP'} aZ ${v.estimate.areaZ.toFixed(1)} pz ${v.estimate.z.toFixed(1)} ${v.estimate.areaValue.toFixed(1)}/${v.estimate.areaExpected.toFixed(1)}`);
		}
		out.push(`[${caught.map(c => (c ? 'x' : '.')).join('')}] fp ${fp} area ${areaRises}` + (det.length ? '\n    ' + det.join('\n    ') : ''));
	}
	console.log(rel.padEnd(58), out.join(' | '));
}
