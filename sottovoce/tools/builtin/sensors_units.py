"""Units of measurement as they are spoken: "22.9 MB/s" is "22.9 megabytes per second".

Home Assistant's sensor units are the reference. A unit is looked up as written
first ("MW" is megawatts, "mW" milliwatts), then in lower case with its
superscripts and micro signs folded ("µg/m³", "μg/m3" and "ug/m3" are one).
"""

from __future__ import annotations

# Unit -> (singular, plural); a plural of None means the singular plus "s".
_Spoken = tuple[str, str | None]

_CASED: dict[str, _Spoken] = {
    "MW": ("megawatt", None), "mW": ("milliwatt", None), "MWh": ("megawatt hour", None),
    "mWh": ("milliwatt hour", None), "mV": ("millivolt", None), "MV": ("megavolt", None),
    "mA": ("milliamp", None), "MJ": ("megajoule", None), "mJ": ("millijoule", None),
    "Mbit/s": ("megabit per second", "megabits per second"),
    "B/s": ("byte per second", "bytes per second"), "b/s": ("bit per second", "bits per second"),
    "kb/s": ("kilobit per second", "kilobits per second"),
    "Mb/s": ("megabit per second", "megabits per second"),
    "Gb/s": ("gigabit per second", "gigabits per second"),
    "mS/cm": ("millisiemens per centimeter", "millisiemens per centimeter"),
    "Mm": ("megameter", None),
}  # fmt: skip

_WORDS: dict[str, _Spoken] = {
    # Temperature: "degrees" alone is what people say for Celsius.
    "°c": ("degree", None), "c": ("degree", None), "°": ("degree", None),
    "degrees": ("degree", None), "celsius": ("degree", None),
    "°f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "k": ("kelvin", "kelvin"),
    # Shares and concentrations.
    "%": ("percent", "percent"), "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "µg/m3": ("microgram per cubic meter", "micrograms per cubic meter"),
    "mg/m3": ("milligram per cubic meter", "milligrams per cubic meter"),
    "µg/ft3": ("microgram per cubic foot", "micrograms per cubic foot"),
    "p/m3": ("particle per cubic meter", "particles per cubic meter"),
    "mg/dl": ("milligram per deciliter", "milligrams per deciliter"),
    # Electricity.
    "w": ("watt", None), "kw": ("kilowatt", None), "gw": ("gigawatt", None),
    "wh": ("watt hour", None), "kwh": ("kilowatt hour", None), "gwh": ("gigawatt hour", None),
    "va": ("volt ampere", None), "kva": ("kilovolt ampere", None),
    "var": ("volt ampere reactive", "volt amperes reactive"),
    "kvar": ("kilovolt ampere reactive", "kilovolt amperes reactive"),
    "a": ("amp", None), "ma": ("milliamp", None), "v": ("volt", None), "kv": ("kilovolt", None),
    "hz": ("hertz", "hertz"), "khz": ("kilohertz", "kilohertz"), "mhz": ("megahertz", "megahertz"),
    "ghz": ("gigahertz", "gigahertz"),
    "j": ("joule", None), "kj": ("kilojoule", None), "mj": ("megajoule", None),
    "gj": ("gigajoule", None), "cal": ("calorie", None), "kcal": ("kilocalorie", None),
    # Data.
    "bit/s": ("bit per second", "bits per second"),
    "kbit/s": ("kilobit per second", "kilobits per second"),
    "mbit/s": ("megabit per second", "megabits per second"),
    "gbit/s": ("gigabit per second", "gigabits per second"),
    "kb/s": ("kilobyte per second", "kilobytes per second"),
    "mb/s": ("megabyte per second", "megabytes per second"),
    "gb/s": ("gigabyte per second", "gigabytes per second"),
    "kib/s": ("kibibyte per second", "kibibytes per second"),
    "mib/s": ("mebibyte per second", "mebibytes per second"),
    "gib/s": ("gibibyte per second", "gibibytes per second"),
    "bps": ("bit per second", "bits per second"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "mbps": ("megabit per second", "megabits per second"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "b": ("byte", None), "bit": ("bit", None), "kb": ("kilobyte", None), "mb": ("megabyte", None),
    "gb": ("gigabyte", None), "tb": ("terabyte", None), "pb": ("petabyte", None),
    "kib": ("kibibyte", None), "mib": ("mebibyte", None), "gib": ("gibibyte", None),
    "tib": ("tebibyte", None), "kbit": ("kilobit", None), "mbit": ("megabit", None),
    "gbit": ("gigabit", None),
    # Distance, time.
    "mm": ("millimeter", None), "cm": ("centimeter", None), "m": ("meter", None),
    "km": ("kilometer", None), "in": ("inch", "inches"), "ft": ("foot", "feet"),
    "yd": ("yard", None), "mi": ("mile", None), "nmi": ("nautical mile", None),
    "ms": ("millisecond", None), "s": ("second", None), "sec": ("second", None),
    "min": ("minute", None), "mins": ("minute", None), "h": ("hour", None), "hr": ("hour", None),
    "hrs": ("hour", None), "d": ("day", None), "days": ("day", None),
    # Volume, mass.
    "l": ("liter", None), "ml": ("milliliter", None), "m3": ("cubic meter", None),
    "ft3": ("cubic foot", "cubic feet"), "gal": ("gallon", None), "fl. oz.": ("fluid ounce", None),
    "fl oz": ("fluid ounce", None), "ccf": ("hundred cubic feet", "hundred cubic feet"),
    "mcf": ("thousand cubic feet", "thousand cubic feet"),
    "g": ("gram", None), "kg": ("kilogram", None), "mg": ("milligram", None),
    "µg": ("microgram", None), "oz": ("ounce", None), "lb": ("pound", None),
    "lbs": ("pound", None), "st": ("stone", "stone"), "t": ("tonne", None),
    # Pressure.
    "pa": ("pascal", None), "hpa": ("hectopascal", None), "kpa": ("kilopascal", None),
    "bar": ("bar", "bar"), "mbar": ("millibar", None), "cbar": ("centibar", None),
    "mmhg": ("millimeter of mercury", "millimeters of mercury"),
    "inhg": ("inch of mercury", "inches of mercury"),
    "psi": ("pound per square inch", "pounds per square inch"),
    # Speed and rates.
    "m/s": ("meter per second", "meters per second"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"), "ft/s": ("foot per second", "feet per second"),
    "kn": ("knot", None), "kt": ("knot", None), "knots": ("knot", None),
    "mm/h": ("millimeter per hour", "millimeters per hour"),
    "in/h": ("inch per hour", "inches per hour"),
    "mm/d": ("millimeter per day", "millimeters per day"),
    "in/d": ("inch per day", "inches per day"),
    "mm/s": ("millimeter per second", "millimeters per second"),
    "l/min": ("liter per minute", "liters per minute"),
    "l/h": ("liter per hour", "liters per hour"),
    "m3/h": ("cubic meter per hour", "cubic meters per hour"),
    "gal/min": ("gallon per minute", "gallons per minute"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "bpm": ("beat per minute", "beats per minute"),
    # Light, sound, signal, water quality.
    "lx": ("lux", "lux"), "lux": ("lux", "lux"), "lm": ("lumen", None),
    "w/m2": ("watt per square meter", "watts per square meter"),
    "db": ("decibel", None), "dba": ("decibel", None), "dbm": ("decibel milliwatt", None),
    "µs/cm": ("microsiemens per centimeter", "microsiemens per centimeter"),
    "ph": ("", ""),
    # Money.
    "eur": ("euro", None), "€": ("euro", None), "usd": ("dollar", None), "$": ("dollar", None),
    "gbp": ("pound", None), "£": ("pound", None), "chf": ("Swiss franc", None),
    "jpy": ("yen", "yen"), "¥": ("yen", "yen"), "cad": ("Canadian dollar", None),
    "aud": ("Australian dollar", None), "sek": ("krona", "kronor"), "nok": ("krone", "kroner"),
    "dkk": ("krone", "kroner"), "inr": ("rupee", None), "ct": ("cent", None),
    "cents": ("cent", None), "p": ("penny", "pence"),
}  # fmt: skip

_FOLD = str.maketrans({"μ": "µ", "³": "3", "²": "2", "·": "", "⋅": ""})


def unit_key(unit: str) -> str:
    """The form a unit is looked up by: case kept where it decides, else folded."""
    text = unit.strip()
    if text in _CASED:
        return text
    folded = text.translate(_FOLD).lower().replace(" ", "")
    if folded.startswith("u") and folded[1:2] in ("g", "s"):
        folded = "µ" + folded[1:]  # "ug/m3": a u typed for the micro sign
    return folded if folded in _WORDS else text.lower()


def is_known(unit: str) -> bool:
    """Whether the unit is one this module can say."""
    key = unit_key(unit)
    return key in _CASED or key in _WORDS


def unit_words(unit: str, value: float = 2.0) -> str:
    """The spoken unit for a value: 'kWh' -> 'kilowatt hours', for 1 'kilowatt hour'."""
    key = unit_key(unit)
    spoken = _CASED.get(key) or _WORDS.get(key)
    if spoken is None:
        return unit.strip()
    one, many = spoken
    return one if abs(value) == 1 else (many if many is not None else one + "s")


def number(value: float) -> str:
    """19.0 -> '19', 21.5 -> '21.5', 0.042 -> '0.042', -3 -> 'minus 3' (as spoken)."""
    # Tenths for most readings; a small one keeps two significant digits (a power
    # factor of 0.95 is not "1").
    rounded = round(value, 1) if abs(value) >= 1 or value == 0 else float(f"{value:.2g}")
    text = f"{rounded:g}" if abs(rounded) < 1e6 else f"{rounded:.0f}"
    return "minus " + text[1:] if text.startswith("-") else text


def spoken(value: float, unit: str) -> str:
    """'19 degrees', '98 percent', '1 euro', 'minus 43 decibel milliwatts'."""
    return f"{number(value)} {unit_words(unit, value)}".strip()
