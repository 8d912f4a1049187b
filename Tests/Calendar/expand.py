#!/usr/bin/env python3
"""Expands an iCalendar file with Python's icalendar and recurring-ical-events, as an
independent check of Skylt's libical expansion.

Usage: expand.py FILE.ics START END [ZONE]
START and END are ISO 8601 instants with an offset; floating times and dates are read in
ZONE (default Europe/Stockholm). Prints a JSON list of [uid, start, end], instants in UTC
as 2026-10-27T17:00:00Z, sorted; cancelled occurrences are left out.
Exits 3 when the Python modules are missing, so the caller can say so.
"""
import datetime
import json
import sys
import zoneinfo

try:
    import icalendar
    import recurring_ical_events
except ImportError as error:
    print(f"missing Python module: {error.name}", file=sys.stderr)
    sys.exit(3)


def instant(value, zone):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(datetime.timezone.utc)
    return datetime.datetime(value.year, value.month, value.day, tzinfo=zone).astimezone(datetime.timezone.utc)


def stamp(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    zone = zoneinfo.ZoneInfo(sys.argv[4] if len(sys.argv) > 4 else "Europe/Stockholm")
    with open(path, "rb") as file:
        calendar = icalendar.Calendar.from_ical(file.read())
    window = (datetime.datetime.fromisoformat(start), datetime.datetime.fromisoformat(end))
    rows = []
    for event in recurring_ical_events.of(calendar).between(*window):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        begins = instant(event["DTSTART"].dt, zone)
        if "DTEND" in event:
            ends = instant(event["DTEND"].dt, zone)
        elif "DURATION" in event:
            ends = begins + event["DURATION"].dt
        elif isinstance(event["DTSTART"].dt, datetime.datetime):
            ends = begins
        else:
            ends = instant(event["DTSTART"].dt + datetime.timedelta(days=1), zone)
        rows.append([str(event["UID"]), stamp(begins), stamp(ends)])
    print(json.dumps(sorted(rows)))


main()
