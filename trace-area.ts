// one-off diagnostic, not committed
import {readFileSync} from 'node:fs';
import {Judge} from './source/baseline/judge.js';
import {settingsWith, inferStepMs} from './bench/nab.ts';
const [rel, from, to, sets] = process.argv.slice(2);
const ts = (x: string) => Date.parse(`${x.replace(' ', 'T').slice(0, 19)}Z`);
const lines = readFileSync(`/work/shared/datasets/nab/data/${rel}`, 'utf8').trim().split(/\r?\n/).slice(1);
const T = lines.map(l => ts(l.split(',')[0]!)); const V = lines.map(l => Number(l.split(',')[1]));
const o = Object.fromEntries((sets ?? '').split(',').filter(Boolean).map(kv => { const [k, v] = kv.split('='); return [k!, Number(v)]; }));
const s = settingsWith(o);
const j = new Judge({stepMs: inferStepMs(T), bad: 'both', rules: s.rules, params: s.params});
let hour = -1; let best = {aZ: 0, pz: 0, z: 0, av: 0, ae: 0, sev: '', rose: 0};
const a = ts(from!), b = ts(to!);
for (let i = 0; i < V.length; i++) {
	const v = j.update(T[i]!, V[i]!);
	if (T[i]! < a || T[i]! > b) continue;
	const h = Math.floor(T[i]! / 3_600_000);
	if (h !== hour) {
		if (hour >= 0) console.log(new Date(hour * 3_600_000).toISOString().slice(0, 13), `aZ ${best.aZ.toFixed(2)} pz ${best.pz.toFixed(2)} judged ${best.z.toFixed(2)} area ${best.av.toFixed(2)} usual ${best.ae.toFixed(2)} ${best.sev} rose ${best.rose}`);
		hour = h; best = {aZ: 0, pz: 0, z: 0, av: 0, ae: 0, sev: '', rose: 0};
	}
	if (Math.abs(v.estimate.areaZ) >= Math.abs(best.aZ)) { best.aZ = v.estimate.areaZ; best.av = v.estimate.areaValue; best.ae = v.estimate.areaExpected; }
	if (Math.abs(v.estimate.z) > Math.abs(best.pz)) best.pz = v.estimate.z;
	if (Math.abs(v.z) > Math.abs(best.z)) best.z = v.z;
	if (v.flag.severity !== 'ok') best.sev = v.flag.severity;
	if (v.rose) best.rose++;
}
