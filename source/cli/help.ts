/** `iot-monitor --help`: usage, flags, settings and the keys (generated from the keymap, so it cannot drift). */
import {keyHelpLines} from '../ui/keys/key-docs.js';
import {FLEET_BINDINGS, KEYMAP} from '../ui/keys/keymap.js';

export const HELP = `
  Usage
    $ iot-monitor [options]            live terminal UI for AWS IoT Core
    $ iot-monitor --demo               the same UI on a built-in simulated account
    $ iot-monitor --once --json        print one snapshot as JSON and exit
    $ iot-monitor simulate --port N    run the embedded AWS-compatible endpoint alone
    $ iot-monitor tail --json          stream IoT control-plane events as JSON lines until interrupted
    $ iot-monitor config               show the settings file and each setting with where it comes from
    $ iot-monitor config set KEY VAL   change one setting in the settings file (e.g. lookback 6h)

  Options
    --region <name>        AWS region (default: AWS_REGION or AWS_DEFAULT_REGION, then your profile's)
    --regions <a,b,...>    watch several regions at once, e.g. us-east-1,eu-west-1 (default: the one region)
    --accounts <all|ids>   watch OAM-linked source accounts from this monitoring account: all, or
                           12-digit ids separated by commas (default: only the caller's account)
    --trail-log-group <g>  the organization trail's CloudWatch Logs log group, name or ARN (e.g.
                           aws-controltower/CloudTrailLogs): events of every account come from there
    --account-names <json> names for account ids, e.g. '{"111122223333":"prod"}' (default: the ids)
    --profile <name>       AWS profile from ~/.aws/config (default: AWS_PROFILE, then default)
    --endpoint-url <url>   send CloudWatch and CloudTrail calls to this endpoint
    --demo                 start the embedded endpoint in-process and monitor it (no AWS account needed)
    --once                 one refresh, print, exit: 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN (Nagios-style)
    --json                 with --once: print JSON (the same as --format json)
    --format <f>           with --once: text (default), json, or markdown (an incident hand-off for a ticket)
    --full                 the hand-off (s, --format markdown) with the suspects' CloudTrail records
                           inline, no size limit (default: at most 16,000 characters; s puts the
                           records in a file beside it, --once leaves them out)
    --metrics <a,b,...>    metric names to monitor (default: the nine baseline + error metrics)
    --poll-interval <dur>  pause between CloudWatch polls, at least 10s (default 60s)
    --baseline-days <n>    days of one-minute history the baselines learn from, 1-15 (default 14)
    --lookback <dur>       CloudTrail history to load at start, up to 90d, e.g. 90m, 3h (default 3h)
    --since <dur>          tail: the same as --lookback
    --max-events <n>       CloudTrail events kept in memory, 100-1000000 (default 10000)
    --trail-rate <r>       LookupEvents requests per second we allow ourselves (default 1; AWS allows
                           2 per account and region, shared with everyone)
    --tail-interval <dur>  pause between CloudTrail polls, at least 1s (default 5s)
    --sensitivity <level>  low, normal (default) or high: how big a deviation must be to flag
    --rebaseline           ignore the cached baselines and relearn the baseline days of history
    --color, --no-color    always or never use colour (default: auto; a non-empty NO_COLOR means never)
    --ascii                draw with ASCII characters only
    --bell, --no-bell      ring the terminal bell on every new CRIT (default: no)
    --notify-command <cmd> run cmd on every new CRIT, the deviation as JSON on its stdin ("" for none)
    --config <path>        settings file to use, which must exist (default: $XDG_CONFIG_HOME/iot-monitor/
                           config.json, else ~/.config/iot-monitor/config.json)
    --port <n>             simulate: port to listen on (default 4566; 0 picks a free one)
    --seed <n>             simulate/demo: fleet seed (default 1)
    --quiet-fleet          simulate/demo: the same fleet without incidents
    --org                  simulate/demo: an organization of 3 accounts in 2 regions (OAM, organization
                           trail), with the incident in one of them
    --version, -h, --help

  Settings file: JSON with the keys region, profile, metrics, pollInterval, tailInterval, lookback,
  baselineDays, sensitivity, maxEvents, trailRate, notify ({"bell", "command"}), color (auto, always,
  never), ascii, regions, accounts, trailLogGroup and accountNames; durations as strings, e.g. "60s". Each setting comes from the first of: a flag,
  AWS_REGION/AWS_DEFAULT_REGION/AWS_PROFILE/NO_COLOR, the settings file, the built-in default.

${keyHelpLines(KEYMAP)}
${keyHelpLines(FLEET_BINDINGS, 100, '  ', 'Fleet overview keys:')}
`;
