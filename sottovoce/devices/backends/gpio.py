"""Raspberry Pi GPIO through gpiozero: relays and LEDs standing in for world devices, a talk button.

A `[devices.<id>]` table with `backend = "gpio"` puts a relay (`type = "relay"`,
for a switch or an on/off light) or an LED (`type = "led"`, a dimmable light
through PWM, or on/off with `pwm = false`) on a pin. `[push_to_talk]` with
`backend = "gpio"` makes a push button the talk button (`GPIOButton`).

Each device opens its own gpiozero pin factory and closes it with the device:
nothing here sets gpiozero's process-wide `Device.pin_factory`. The factory is
gpiozero's usual choice (lgpio on a Pi), or the one named by the `pin_factory`
option; `pin_factory = "mock"` gives simulated pins, for a dry run anywhere.
A gpiozero `Factory` object may be passed as `pin_factory` too (by tests and
programs), and is then shared, not closed. See docs/devices.md.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from typing import Any

from sottovoce.devices.backends import BackendError, take_identity
from sottovoce.devices.device import Device
from sottovoce.devices.kinds import check_write

DEVICE_OPTIONS = ("type", "pin", "active_high", "initial", "pwm", "pin_factory")
BUTTON_OPTIONS = ("backend", "pin", "pull_up", "bounce_ms", "pin_factory")
# Which world kinds each type can stand in for: a relay switches, an LED lights.
TYPES: Mapping[str, tuple[str, ...]] = {"relay": ("switch", "light"), "led": ("light",)}
# gpiozero's own order of preference when nothing is named.
DEFAULT_FACTORIES = ("lgpio", "rpigpio", "pigpio", "native")
NO_GPIO_HINT = (
    "on a Raspberry Pi install lgpio (sudo apt install python3-lgpio, or pip install lgpio); "
    'elsewhere set pin_factory = "mock" for a dry run'
)


def make_device(like: Device, options: Mapping[str, Any]) -> Device:
    """A relay or LED on a GPIO pin standing in for the world device `like`."""
    where = f"config [devices.{_toml_key(like.id)}]"
    _check_options(where, options, DEVICE_OPTIONS)
    kind = _device_type(where, like, options.get("type"))
    pin = _pin(where, options)
    active_high = _flag(where, options, "active_high", True)
    pwm = _flag(where, options, "pwm", kind == "led")
    if kind == "relay" and pwm:
        raise BackendError(f"{where}: a relay cannot dim; remove pwm = true")
    on = _initial(where, options, bool(like.state().get("on", False)))
    factory, owned = _factory(where, options.get("pin_factory"))
    try:
        if like.kind == "switch":
            output = _open(where, pin, _relay_output(pin, active_high, on, factory))
            return GPIOSwitch(like, output, factory if owned else None)
        level = _start_level(like, pwm)
        make = _pwm_output if pwm else _relay_output
        value = (level / 100 if pwm else True) if on else False
        output = _open(where, pin, make(pin, active_high, value, factory))
        return GPIOLight(like, output, factory if owned else None, dimmable=pwm, level=level)
    except BaseException:
        if owned:
            factory.close()
        raise


class _GPIODevice:
    """The world device's identity around a gpiozero output, which it closes with its pins."""

    id: str  # the world device's identity, set by take_identity
    kind: str
    name: str
    aliases: tuple[str, ...]
    area: str | None

    def __init__(self, like: Device, output: Any, factory: Any | None) -> None:
        take_identity(self, like)
        self._output = output
        self._factory = factory  # None when the caller owns it

    @property
    def pin(self) -> str:
        """The pin's name, e.g. "GPIO17"."""
        return str(self._output.pin.info.name)

    def close(self) -> None:
        """Release the pin (and the pin factory, if this device opened it)."""
        self._output.close()
        if self._factory is not None:
            self._factory.close()
            self._factory = None


class GPIOSwitch(_GPIODevice):
    """A switch on a relay: `on` drives the pin (low for an active-low relay board)."""

    def state(self) -> dict[str, Any]:
        """The state read back from the pin."""
        return {"on": bool(self._output.value)}

    def set(self, **attrs: Any) -> None:
        """Write attributes (validated; ValueError if read-only or bad)."""
        values = check_write(self.kind, attrs)
        if "on" in values:
            self._output.value = values["on"]


class GPIOLight(_GPIODevice):
    """A light on an LED pin (PWM for brightness) or a relay (brightness 0 or 100 only)."""

    def __init__(
        self, like: Device, output: Any, factory: Any | None, *, dimmable: bool, level: int
    ) -> None:
        super().__init__(like, output, factory)
        self.dimmable = dimmable
        self._level = level  # the brightness to come back to, kept while the light is off

    def state(self) -> dict[str, Any]:
        """The state read back from the pin; an off light keeps its brightness."""
        value = float(self._output.value)
        if value <= 0:
            return {"on": False, "brightness": self._level}
        return {"on": True, "brightness": round(value * 100) if self.dimmable else 100}

    def set(self, **attrs: Any) -> None:
        """Write attributes (validated; ValueError if read-only or bad)."""
        values = check_write(self.kind, attrs)
        if "color" in values:
            raise ValueError(f"the {self.name} is a single-colour light: its colour cannot change")
        level = values.get("brightness", self._level)
        if not self.dimmable and level not in (0, 100):
            raise ValueError(
                f"the {self.name} cannot dim (a GPIO pin without PWM): "
                f"its brightness can only be 0 or 100, not {level}"
            )
        on = values.get("on", self.state()["on"])
        if on and level == 0 and "brightness" not in values:
            level = 100  # turned on after being dimmed to nothing: it should light up
        self._level = level
        lit = on and level > 0  # at brightness 0 a light is dark, whatever `on` says
        self._output.value = (level / 100 if self.dimmable else 1) if lit else 0


class GPIOButton:
    """A push button on a GPIO pin whose presses and releases are run in an asyncio loop."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        where = "config [push_to_talk]"
        _check_options(where, options, BUTTON_OPTIONS)
        pin = _pin(where, options)
        pull_up = _flag(where, options, "pull_up", True)
        bounce = _bounce_s(where, options.get("bounce_ms", 20))
        factory, owned = _factory(where, options.get("pin_factory"))
        try:
            self._button = _open(where, pin, _button_input(pin, pull_up, bounce, factory))
        except BaseException:
            if owned:
                factory.close()
            raise
        self._factory = factory if owned else None

    @property
    def pin(self) -> str:
        """The pin's name, e.g. "GPIO27"."""
        return str(self._button.pin.info.name)

    @property
    def is_pressed(self) -> bool:
        """True while the button is held down."""
        return bool(self._button.is_pressed)

    def connect(
        self,
        loop: Any,
        press: Callable[[], None],
        release: Callable[[], None] | None = None,
    ) -> None:
        """Call `press` (and `release`) in `loop` from now on; gpiozero calls on its own thread."""
        self._button.when_pressed = _in_loop(loop, press)
        if release is not None:
            self._button.when_released = _in_loop(loop, release)

    def close(self) -> None:
        """Stop reporting presses and release the pin."""
        self._button.close()
        if self._factory is not None:
            self._factory.close()
            self._factory = None


def _in_loop(loop: Any, call: Callable[[], None]) -> Callable[[], None]:
    def handler() -> None:
        try:
            loop.call_soon_threadsafe(call)
        except RuntimeError:
            pass  # the loop has closed (the program is ending): the press has no one to go to

    return handler


def _toml_key(device_id: str) -> str:
    # World ids have a dot ("light.desk"), which TOML reads as a nested table unless quoted.
    return f'"{device_id}"' if "." in device_id else device_id


def _check_options(where: str, options: Mapping[str, Any], known: tuple[str, ...]) -> None:
    unknown = sorted(set(options) - set(known) - {"backend"})
    if unknown:
        raise BackendError(
            f"{where}: unknown option {', '.join(unknown)}; GPIO options: {', '.join(known)}"
        )


def _device_type(where: str, like: Device, value: Any) -> str:
    if value not in TYPES:
        raise BackendError(f'{where}: type must be "relay" or "led", not {value!r}')
    kinds = TYPES[value]
    if like.kind not in kinds:
        raise BackendError(
            f"{where}: {like.id} is a {like.kind}, and a GPIO {value} can only be a "
            f"{' or a '.join(kinds)}; map it to a device of that kind in the world file"
        )
    return str(value)


def _pin(where: str, options: Mapping[str, Any]) -> int | str:
    pin = options.get("pin")
    if pin is None:
        raise BackendError(f'{where}: needs pin = <BCM number>, e.g. pin = 17 or pin = "GPIO17"')
    if isinstance(pin, bool) or not isinstance(pin, int | str) or pin == "":
        raise BackendError(
            f'{where}: pin must be a BCM number or a name like "GPIO17" or "BOARD11", not {pin!r}'
        )
    return pin


def _flag(where: str, options: Mapping[str, Any], name: str, default: bool) -> bool:
    value = options.get(name, default)
    if not isinstance(value, bool):
        raise BackendError(f"{where}: {name} must be true or false, not {value!r}")
    return value


def _initial(where: str, options: Mapping[str, Any], default: bool) -> bool:
    value = options.get("initial", default)
    if isinstance(value, str) and value.lower() in ("on", "off"):
        return value.lower() == "on"
    if not isinstance(value, bool):
        raise BackendError(f'{where}: initial must be "on" or "off", not {value!r}')
    return value


def _bounce_s(where: str, value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise BackendError(f"{where}: bounce_ms must be a number of milliseconds >= 0")
    return value / 1000 if value else None


def _start_level(like: Device, pwm: bool) -> int:
    level = int(like.state().get("brightness", 100))
    if not pwm and level not in (0, 100):
        return 100  # the world file's level cannot be shown without PWM: full, when on
    return level


def _factory(where: str, choice: Any) -> tuple[Any, bool]:
    """The pin factory to use, and whether it is ours to close."""
    if choice is None:
        choice = os.environ.get("GPIOZERO_PIN_FACTORY")  # gpiozero's own setting, if made
    if choice is None:
        return _default_factory(where), True
    if not isinstance(choice, str):
        return choice, False  # a gpiozero Factory handed in by the caller
    if choice.lower() == "mock":
        from gpiozero.pins.mock import MockFactory, MockPWMPin  # type: ignore[import-untyped]

        # PWM-capable mock pins, so that an LED can dim in a dry run as on a Pi.
        return MockFactory(pin_class=MockPWMPin), True
    return _named_factory(where, choice.lower()), True


def _named_factory(where: str, name: str) -> Any:
    found = {ep.name: ep for ep in entry_points(group="gpiozero_pin_factories")}
    if name not in found:
        known = ", ".join(sorted(found))
        raise BackendError(f"{where}: unknown pin_factory {name!r}; gpiozero has: {known}")
    try:
        return found[name].load()()
    except Exception as exc:  # each pin library fails in its own way (ImportError, OSError...)
        raise BackendError(
            f"{where}: pin_factory {name!r} cannot start ({exc}); {NO_GPIO_HINT}"
        ) from None


def _default_factory(where: str) -> Any:
    found = {ep.name: ep for ep in entry_points(group="gpiozero_pin_factories")}
    reasons = []
    for name in DEFAULT_FACTORIES:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # gpiozero's fallback warnings; we say it once
                return found[name].load()()
        except Exception as exc:  # as above: any failure means "try the next library"
            reasons.append(f"{name}: {exc}")
    raise BackendError(f"{where}: no GPIO on this machine ({'; '.join(reasons)}); {NO_GPIO_HINT}")


def _open(where: str, pin: int | str, make: Callable[[], Any]) -> Any:
    """A gpiozero device from `make`, with its failures as one-line BackendErrors."""
    from gpiozero import (  # type: ignore[import-untyped]
        GPIOPinInUse,
        PinInvalidPin,
        PinPWMUnsupported,
    )

    try:
        return make()
    except GPIOPinInUse:
        raise BackendError(
            f"{where}: pin {pin!r} is already in use by another device; give each its own pin"
        ) from None
    except PinInvalidPin as exc:
        raise BackendError(
            f'{where}: {exc}; use a BCM number such as 17 or a name like "GPIO17" or "BOARD11"'
        ) from None
    except PinPWMUnsupported:
        raise BackendError(f"{where}: pin {pin!r} cannot do PWM; set pwm = false") from None
    except Exception as exc:  # the pin library's own errors (busy line, permissions)
        raise BackendError(f"{where}: cannot use pin {pin!r}: {exc}") from None


def _relay_output(pin: Any, active_high: bool, value: Any, factory: Any) -> Callable[[], Any]:
    from gpiozero import OutputDevice

    return lambda: OutputDevice(
        pin, active_high=active_high, initial_value=bool(value), pin_factory=factory
    )


def _pwm_output(pin: Any, active_high: bool, value: Any, factory: Any) -> Callable[[], Any]:
    from gpiozero import PWMLED

    return lambda: PWMLED(
        pin, active_high=active_high, initial_value=float(value), pin_factory=factory
    )


def _button_input(pin: Any, pull_up: bool, bounce: float | None, factory: Any) -> Callable[[], Any]:
    from gpiozero import Button

    return lambda: Button(pin, pull_up=pull_up, bounce_time=bounce, pin_factory=factory)
