"""What measuring sensors measure, in the words people use, and which sensor measures what.

Home Assistant's sensor device classes are the reference. A sensor carries only
a name and a unit, so what it measures is read from both: the unit says what it
can be ("%" is a battery, a humidity or a moisture), the words of its name choose
among those ("bathroom humidity"), and when the two disagree the unit wins (a
"dishwasher current program" in minutes is a duration, not a current).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from sottovoce.devices import Device
from sottovoce.tools.builtin.sensors_units import unit_key

MeasureKey = Literal[
    "temperature", "humidity", "co2", "power", "energy", "pressure", "light", "battery",
    "aqi", "co", "current", "data_rate", "data_size", "distance", "duration", "frequency",
    "gas", "irradiance", "moisture", "cost", "no2", "no", "n2o", "ozone", "pm1", "pm25",
    "pm10", "particulates", "power_factor", "apparent_power", "reactive_power", "rain",
    "rain_rate", "signal", "sound", "speed", "wind_speed", "so2", "voc", "voltage", "volume",
    "water", "weight", "ph", "conductivity",
]  # fmt: skip


@dataclass(frozen=True)
class Measure:
    """One thing a sensor measures: its spoken label, what people call it, its units."""

    label: str
    forms: tuple[str, ...]  # as said, normalized (lower case, digits, no hyphens)
    units: tuple[str, ...]  # unit keys (`sensors_units.unit_key`)
    words: tuple[str, ...] = ()  # more words that, in a sensor's name, say it measures this


def _m(label: str, forms: str, units: str, words: str = "") -> Measure:
    def split(text: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in text.split(",") if w.strip())

    return Measure(label, split(forms), split(units), split(words))


_POLLUTANT = "µg/m3,mg/m3,ppm,ppb"
_PARTICLES = "µg/m3,mg/m3,µg/ft3,p/m3"  # particles are counted or weighed, never in ppm
_SPEED = "m/s,km/h,kph,mph,ft/s,kn,kt,knots"
_MONEY = "eur,€,usd,$,gbp,£,chf,jpy,¥,cad,aud,sek,nok,dkk,inr,ct,cents,p"

MEASURES: dict[str, Measure] = {
    "temperature": _m("temperature", "temperature,temp", "°c,c,°,degrees,celsius,°f,f,k",
                      "thermometer"),
    "humidity": _m("humidity", "humidity,relative humidity,air humidity,rh", "%",
                   "humid,hygrometer"),
    "co2": _m("CO2 level", "co2,co 2,co₂,carbon dioxide", "ppm,ppb"),
    "power": _m("power", "power,power usage,power use,power consumption,power draw,wattage,"
                "watts,load,power output,power production,electricity demand",
                "w,kw,gw,MW,mW", "power meter"),
    "energy": _m("energy", "energy,energy usage,energy use,energy consumption,energy production,"
                 "energy produced,energy generated,stored energy,electricity,electricity usage,"
                 "electricity use,electricity consumption,consumption,production,generation",
                 "wh,kwh,gwh,MWh,mWh,j,kj,mj,gj,MJ,mJ,cal,kcal", "kwh,energy meter"),
    "pressure": _m("pressure", "pressure,air pressure,barometric pressure,atmospheric pressure,"
                   "tyre pressure,tire pressure,water pressure",
                   "pa,hpa,kpa,bar,mbar,cbar,mmhg,inhg,psi", "barometer,barometric"),
    "light": _m("light level", "light level,illuminance,brightness,light intensity,luminosity,"
                "ambient light,lux,light", "lx,lux,lm", "illumination"),
    "battery": _m("battery level", "battery,battery level,battery charge,battery percentage,"
                  "battery status,battery life,charge,charge level,state of charge", "%"),
    "aqi": _m("air quality index", "air quality,air quality index,aqi,air pollution", ""),
    "co": _m("carbon monoxide level", "co,carbon monoxide", _POLLUTANT),
    "current": _m("current", "current,electric current,electrical current,current draw,amperage,"
                  "amps", "a,ma,mA"),
    "data_rate": _m("speed", "download speed,upload speed,download rate,upload rate,data rate,"
                    "transfer rate,bandwidth,throughput,internet speed,network speed,"
                    "connection speed,bit rate,bitrate,download,upload",
                    "bit/s,kbit/s,mbit/s,gbit/s,b/s,kb/s,mb/s,gb/s,kib/s,mib/s,gib/s,bps,kbps,"
                    "mbps,gbps,Mbit/s,B/s,Mb/s,Gb/s"),
    "data_size": _m("size", "size,file size,data size,disk usage,disk space,storage,"
                    "storage used,data used,data usage",
                    "b,bit,kb,mb,gb,tb,pb,kib,mib,gib,tib,kbit,mbit,gbit"),
    "distance": _m("distance", "distance,mileage,odometer,odometer reading,range,length,height,"
                   "depth,altitude", "mm,cm,m,km,in,ft,yd,mi,nmi,Mm"),
    "duration": _m("duration", "duration,runtime,run time,time left,time remaining,"
                   "remaining time,uptime,time,running time",
                   "ms,s,sec,min,mins,h,hr,hrs,d,days"),
    "frequency": _m("frequency", "frequency,ac frequency,grid frequency,mains frequency",
                    "hz,khz,mhz,ghz"),
    "gas": _m("gas", "gas,gas usage,gas use,gas consumption,gas volume,gas used",
              "m3,ft3,ccf,mcf,l"),
    "irradiance": _m("irradiance", "irradiance,solar irradiance,solar radiation,irradiation,"
                     "sunlight intensity", "w/m2"),
    "moisture": _m("moisture", "moisture,soil moisture,wetness", "%", "soil"),
    "cost": _m("price", "cost,price,tariff,bill,electricity price,energy price,unit price,"
               "cost of electricity", _MONEY),
    "no2": _m("nitrogen dioxide level", "nitrogen dioxide,no2,no 2,no₂", _POLLUTANT),
    "no": _m("nitrogen monoxide level", "nitrogen monoxide,nitric oxide,no", _POLLUTANT),
    "n2o": _m("nitrous oxide level", "nitrous oxide,n2o,n 2 o,n₂o", _POLLUTANT),
    "ozone": _m("ozone level", "ozone,o3,o 3,o₃", _POLLUTANT),
    "pm1": _m("PM1 level", "pm1,pm 1,pm1.0,pm 1.0", _PARTICLES),
    "pm25": _m("PM2.5 level", "pm2.5,pm 2.5,pm25,pm 25,fine particles,fine particulate matter,"
               "fine dust", _PARTICLES),
    "pm10": _m("PM10 level", "pm10,pm 10,coarse particles", _PARTICLES),
    "particulates": _m("particulate level", "particulate matter,particulates,particles,dust,pm",
                       _PARTICLES),
    "power_factor": _m("power factor", "power factor,cos phi", "%"),
    "apparent_power": _m("apparent power", "apparent power", "va,kva"),
    "reactive_power": _m("reactive power", "reactive power", "var,kvar"),
    "rain": _m("rainfall", "rain,rainfall,precipitation,snowfall,rain total",
               "mm,cm,in", "pluviometer,rain gauge"),
    "rain_rate": _m("rainfall rate", "rainfall intensity,rain intensity,rain rate,rainfall rate,"
                    "precipitation intensity,precipitation rate", "mm/h,in/h,mm/d,in/d,mm/s"),
    "signal": _m("signal strength", "signal strength,signal,signal level,wifi signal,"
                 "wi fi signal,wifi strength,wi fi strength,reception,rssi,signal quality",
                 "db,dbm,%", "wifi"),
    "sound": _m("sound level", "sound pressure,acoustic pressure,noise,noise level,sound level,"
                "loudness,decibels,sound", "db,dba", "acoustic,decibel"),
    "speed": _m("speed", "speed,velocity", _SPEED),
    "wind_speed": _m("wind speed", "wind speed,wind,wind strength,gust speed,gusts,wind gust",
                     _SPEED, "anemometer,gust"),
    "so2": _m("sulphur dioxide level", "sulphur dioxide,sulfur dioxide,so2,so 2,so₂", _POLLUTANT),
    "voc": _m("VOC level", "volatile organic compounds,volatile organic compound,"
              "organic compounds,vocs,voc,tvoc", _POLLUTANT),
    "voltage": _m("voltage", "voltage,volts,input voltage,output voltage,supply voltage,"
                  "battery voltage", "v,kv,mV,MV", "volt"),
    "volume": _m("volume", "volume,stored volume,capacity,contents,fill level,tank level",
                 "l,ml,m3,ft3,gal,fl. oz.,fl oz,ccf,mcf", "tank"),
    "water": _m("water volume", "water,water usage,water use,water consumption,consumed water,"
                "water consumed,water used", "l,ml,m3,ft3,gal,ccf,mcf"),
    "weight": _m("weight", "weight,mass", "g,kg,mg,µg,oz,lb,lbs,st,t", "scale"),
    "ph": _m("pH", "ph,ph value,acidity", "ph"),
    "conductivity": _m("conductivity", "conductivity,electrical conductivity", "µs/cm,mS/cm"),
}  # fmt: skip

# Measures people mix up or that contain each other: a sensor of one still answers a
# question about the other when nothing measures it exactly ("the power" of an energy meter).
RELATED: dict[str, frozenset[str]] = {
    "power": frozenset({"energy", "apparent_power", "reactive_power"}),
    "energy": frozenset({"power", "gas", "water"}),
    "speed": frozenset({"wind_speed", "data_rate"}),
    "wind_speed": frozenset({"speed"}),
    "volume": frozenset({"water", "gas"}),
    "water": frozenset({"volume"}),
    "gas": frozenset({"volume"}),
    "particulates": frozenset({"pm1", "pm25", "pm10"}),
    "rain": frozenset({"rain_rate"}),
    "rain_rate": frozenset({"rain"}),
    "light": frozenset({"irradiance"}),
    "irradiance": frozenset({"light"}),
    "sound": frozenset({"signal"}),
    "humidity": frozenset({"moisture"}),
    "moisture": frozenset({"humidity"}),
}

EXACT, LIKELY, RELATED_FIT, NO_FIT = 3, 2, 1, 0


def _index_units() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for key, measure in MEASURES.items():
        for unit in measure.units:
            found.setdefault(unit, set()).add(key)
    return {unit: frozenset(keys) for unit, keys in found.items()}


def _index_words() -> list[tuple[tuple[str, ...], str]]:
    phrases = {
        (tuple(w.split()), key)
        for key, measure in MEASURES.items()
        for w in (*measure.forms, *measure.words)
    }
    return sorted(phrases, key=lambda p: -len(p[0]))  # longest first: "power factor" > "power"


UNIT_MEASURES = _index_units()
_NAME_PHRASES = _index_words()


def name_measures(name: str) -> frozenset[str]:
    """What the words of a name say it measures ("heat pump co2 sensor" -> co2)."""
    words = name.lower().replace("_", " ").replace("-", " ").split()
    found: set[str] = set()
    for phrase, key in _NAME_PHRASES:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                found.add(key)
                words[start : start + size] = ["\0"] * size  # a word says one thing
    return frozenset(found)


def possible(device: Device) -> frozenset[str] | None:
    """What the sensor may measure (None: it could be anything)."""
    unit = str(device.state().get("unit", "") or "").strip()
    by_unit = UNIT_MEASURES.get(unit_key(unit)) if unit else None
    by_name = frozenset().union(*(name_measures(n) for n in (device.name, *device.aliases)))
    if by_unit and by_name:
        return (by_unit & by_name) or by_unit  # the unit wins a disagreement
    return by_unit or by_name or None


def fit(device: Device, measure: str) -> int:
    """How well the sensor answers a question about `measure` (EXACT .. NO_FIT)."""
    may = possible(device)
    if may is None:
        return LIKELY
    if measure in may:
        return EXACT if len(may) == 1 else LIKELY
    return RELATED_FIT if RELATED.get(measure, frozenset()) & may else NO_FIT


def says_measure(name: str, measure: str) -> bool:
    """Whether a sensor's name already says what the reading is ("living room humidity")."""
    return measure in name_measures(name)


def the_measure(device: Device) -> str | None:
    """The one thing the sensor measures, if that is known."""
    may = possible(device)
    return next(iter(may)) if may is not None and len(may) == 1 else None


def list_values() -> list[dict[str, str]]:
    """The `sensor_measure` slot list: every form people say, out as its measure's key."""
    return [{"in": form, "out": key} for key, m in MEASURES.items() for form in m.forms]


# What may be asked of a room ("what's the air quality in the nursery"): only words that
# mean a sensor there. Not "volume" (the music's), "time", "wind" or "rain" alone (the
# weather's), nor the seven the room question has always had its own list for.
_AREA_FORMS = {
    "aqi": "air quality,air quality index,aqi,air pollution",
    "co": "carbon monoxide",
    "no2": "nitrogen dioxide,no2",
    "ozone": "ozone",
    "so2": "sulphur dioxide,sulfur dioxide,so2",
    "pm1": "pm1,pm 1",
    "pm25": "pm2.5,pm 2.5,pm25,fine particles,fine dust",
    "pm10": "pm10,pm 10",
    "particulates": "particulate matter,particulates,dust",
    "voc": "volatile organic compounds,vocs,voc,tvoc",
    "sound": "noise,noise level,sound level,loudness,decibels",
    "signal": "signal strength,wifi signal,wi fi signal,wifi strength,wi fi strength",
    "moisture": "soil moisture",
    "irradiance": "irradiance,solar irradiance,solar radiation",
    "rain": "rainfall",
    "wind_speed": "wind speed",
}


def area_list_values() -> list[dict[str, str]]:
    """The `sensor_area_measure` slot list: what may be asked of a room, out as its key."""
    return [
        {"in": form.strip(), "out": key}
        for key, forms in _AREA_FORMS.items()
        for form in forms.split(",")
    ]


# What may be asked of a device that is not itself a sensor ("how much power is the
# washing machine using": its sensor is the "washing machine power"). Not what the
# device's own tools answer (a thermostat's temperature, a fan's speed, a player's
# volume, a light's brightness, a blind's height), nor words too loose for that.
_NOT_OF_DEVICES = frozenset(
    {"temperature", "humidity", "light", "volume", "speed", "wind_speed", "sound", "rain"}
)
_LOOSE = frozenset(
    {"time", "load", "output", "production", "generation", "size", "length", "height",
     "depth", "range", "contents", "capacity", "co", "no", "pm", "water"}
)  # fmt: skip


def device_list_values() -> list[dict[str, str]]:
    """The `sensor_device_measure` slot list: what may be asked of any named device."""
    return [
        {"in": form, "out": key}
        for key, m in MEASURES.items()
        if key not in _NOT_OF_DEVICES
        for form in m.forms
        if form not in _LOOSE
    ]


def keys() -> tuple[str, ...]:
    """Every measure key, as the tool's `measure` argument takes them."""
    return get_args(MeasureKey)


def label(measure: str) -> str:
    """What a reply calls the measure ("battery level", "CO2 level")."""
    return MEASURES[measure].label if measure in MEASURES else measure.replace("_", " ")


def best(devices: Iterable[Device], measure: str, prefer: Collection[Device] = ()) -> list[Device]:
    """The sensors that answer best, the `prefer`red first among equals; none when every
    one measures something else."""
    scored = [((fit(d, measure), d in prefer), d) for d in devices]
    top = max((score for score, _ in scored), default=(NO_FIT, False))
    return [d for score, d in scored if score == top] if top[0] > NO_FIT else []
