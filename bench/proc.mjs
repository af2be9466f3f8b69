// What the benches read of a running app from /proc (Linux): its process under script(1), and its memory.
import {readdirSync, readFileSync} from 'node:fs';

/** Every descendant of `pid`, depth first (script runs a shell that execs node: the app is the last). */
export function descendants(pid) {
	const out = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) out.push(Number(entry), ...descendants(Number(entry)));
		} catch {}
	}
	return out;
}

/** Resident memory now and at its peak, in MiB. */
export function memory(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = name => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
	return {rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024};
}
