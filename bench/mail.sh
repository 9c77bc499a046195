#!/usr/bin/env bash
# Emails/s from the queue to a local SMTP server (bench/mail_bench.py runs a minimal one on loopback).
# N test mails are queued while no SMTP host is set (they wait), then the host is set and the drain is timed:
# claim → sending mark → SMTP → sent + audit record, one sender, one SMTP connection per batch.
# Usage: bench/mail.sh [mails] [batch.size]   (build first; uses ports 18191/18111/18026)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export PERGOLA_ADMIN_PASSWORD="bench-admin-password-1"
mails=${1:-1000}
batch=${2:-20}
smtp_port=18026
start_distribution 18191 18111
sed -i -e "s/^port = 587/port = $smtp_port/" -e "s/^tls = starttls/tls = none/" \
    -e "s/^from =\$/from = bench@pergola.test/" -e "s/^batch.size = 20/batch.size = $batch/" \
    -e "s/^poll.interval.ms = 2000/poll.interval.ms = 200/" "$home/etc/dev.pergola.mail.cfg"
sleep 3 # Karaf applies etc/*.cfg changes at run time (@Modified)
python3 bench/mail_bench.py http://127.0.0.1:18191 "$PERGOLA_ADMIN_PASSWORD" "$mails" "$smtp_port" \
    "$home/etc/dev.pergola.mail.cfg"
