// Entry of the bundle (scripts/build.mjs): Yoga first (cli.tsx gets it through a top-level await
// when run from source), then the CLI.
import {loadYoga} from 'yoga-layout';
import {withoutFetch} from '../source/cli/without-fetch.ts';
import {cli} from '../source/cli/entry.ts';

withoutFetch(loadYoga).then(cli);
