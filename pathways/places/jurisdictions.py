"""The jurisdictions Pathways knows, as published by the Census Bureau (FIPS codes)
and USPS (postal codes). States and DC are the map; the nation, New York City and
Puerto Rico appear in federal files and are kept so nothing is silently dropped."""

from __future__ import annotations

# (fips, postal, name, kind)
STATES: list[tuple[str, str, str, str]] = [
    ("01", "AL", "Alabama", "state"),
    ("02", "AK", "Alaska", "state"),
    ("04", "AZ", "Arizona", "state"),
    ("05", "AR", "Arkansas", "state"),
    ("06", "CA", "California", "state"),
    ("08", "CO", "Colorado", "state"),
    ("09", "CT", "Connecticut", "state"),
    ("10", "DE", "Delaware", "state"),
    ("11", "DC", "District of Columbia", "district"),
    ("12", "FL", "Florida", "state"),
    ("13", "GA", "Georgia", "state"),
    ("15", "HI", "Hawaii", "state"),
    ("16", "ID", "Idaho", "state"),
    ("17", "IL", "Illinois", "state"),
    ("18", "IN", "Indiana", "state"),
    ("19", "IA", "Iowa", "state"),
    ("20", "KS", "Kansas", "state"),
    ("21", "KY", "Kentucky", "state"),
    ("22", "LA", "Louisiana", "state"),
    ("23", "ME", "Maine", "state"),
    ("24", "MD", "Maryland", "state"),
    ("25", "MA", "Massachusetts", "state"),
    ("26", "MI", "Michigan", "state"),
    ("27", "MN", "Minnesota", "state"),
    ("28", "MS", "Mississippi", "state"),
    ("29", "MO", "Missouri", "state"),
    ("30", "MT", "Montana", "state"),
    ("31", "NE", "Nebraska", "state"),
    ("32", "NV", "Nevada", "state"),
    ("33", "NH", "New Hampshire", "state"),
    ("34", "NJ", "New Jersey", "state"),
    ("35", "NM", "New Mexico", "state"),
    ("36", "NY", "New York", "state"),
    ("37", "NC", "North Carolina", "state"),
    ("38", "ND", "North Dakota", "state"),
    ("39", "OH", "Ohio", "state"),
    ("40", "OK", "Oklahoma", "state"),
    ("41", "OR", "Oregon", "state"),
    ("42", "PA", "Pennsylvania", "state"),
    ("44", "RI", "Rhode Island", "state"),
    ("45", "SC", "South Carolina", "state"),
    ("46", "SD", "South Dakota", "state"),
    ("47", "TN", "Tennessee", "state"),
    ("48", "TX", "Texas", "state"),
    ("49", "UT", "Utah", "state"),
    ("50", "VT", "Vermont", "state"),
    ("51", "VA", "Virginia", "state"),
    ("53", "WA", "Washington", "state"),
    ("54", "WV", "West Virginia", "state"),
    ("55", "WI", "Wisconsin", "state"),
    ("56", "WY", "Wyoming", "state"),
]

OTHER_JURISDICTIONS: list[tuple[str, str, str, str]] = [
    ("00", "US", "United States", "nation"),
    ("72", "PR", "Puerto Rico", "territory"),
    # VSRR reports New York City apart from the rest of New York State.
    ("3651000", "YC", "New York City", "city"),
]

ALL = STATES + OTHER_JURISDICTIONS
