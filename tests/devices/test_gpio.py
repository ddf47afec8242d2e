"""The GPIO backend on gpiozero's mock pins: relays, LEDs, the talk button, errors, the agent."""

from __future__ import annotations

import asyncio
import importlib.util
import io
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from gpiozero.pins.mock import MockFactory, MockPWMPin

from sottovoce.agent.agent import Agent
from sottovoce.app import attach_configured
from sottovoce.cli import main
from sottovoce.cli.buttons import connect_talk_buttons, open_talk_button
from sottovoce.devices import World, default_world_path, load_world
from sottovoce.devices.backends import BackendError
from sottovoce.devices.backends.gpio import GPIOButton, GPIOLight, GPIOSwitch, make_device
from sottovoce.tools import Registry
from sottovoce.voice.talkgate import TalkGate


@pytest.fixture
def pins() -> Iterator[MockFactory]:
    """Mock pins of this test only (PWM-capable, as a Pi's are)."""
    factory = MockFactory(pin_class=MockPWMPin)
    yield factory
    factory.close()
    factory.reset()


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    """Closes the devices a test opened, releasing their pins."""
    with ExitStack() as opened:
        yield opened


@pytest.fixture
def world() -> World:
    return load_world(default_world_path(), virtual=True)


def _open(stack: ExitStack, world: World, device_id: str, **options: Any) -> Any:
    device = make_device(world.devices[device_id], options)
    stack.callback(device.close)
    return device


def test_relay_drives_the_pin_high_and_low(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    relay = _open(stack, world, "switch.coffee_maker", type="relay", pin=17, pin_factory=pins)
    assert isinstance(relay, GPIOSwitch) and relay.pin == "GPIO17"
    assert (relay.state(), pins.pin(17).state) == ({"on": False}, 0)
    relay.set(on=True)
    assert (relay.state(), pins.pin(17).state) == ({"on": True}, 1)
    relay.set(on=False)
    assert (relay.state(), pins.pin(17).state) == ({"on": False}, 0)


def test_active_low_relay_board_is_inverted(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    # The world has the fountain on: the relay starts on, which for active-low is a low pin.
    relay = _open(
        stack,
        world,
        "switch.fountain",
        type="relay",
        pin="BOARD13",
        active_high=False,
        pin_factory=pins,
    )
    assert relay.pin == "GPIO27"
    assert (relay.state(), pins.pin(27).state) == ({"on": True}, 0)
    relay.set(on=False)
    assert (relay.state(), pins.pin(27).state) == ({"on": False}, 1)


def test_initial_option_overrides_the_world_state(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    relay = _open(
        stack, world, "switch.fountain", type="relay", pin=5, initial="off", pin_factory=pins
    )
    assert (relay.state(), pins.pin(5).state) == ({"on": False}, 0)


def test_pin_state_is_the_truth(pins: MockFactory, stack: ExitStack, world: World) -> None:
    relay = _open(stack, world, "switch.coffee_maker", type="relay", pin=17, pin_factory=pins)
    pins.pin(17).state = 1  # driven behind the agent's back (another program, gpiozero's own)
    assert relay.state() == {"on": True}


def test_led_brightness_is_the_pwm_duty_cycle(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    led = _open(stack, world, "light.counter_lights", type="led", pin=22, pin_factory=pins)
    assert isinstance(led, GPIOLight) and led.dimmable
    assert (led.state(), pins.pin(22).state) == ({"on": False, "brightness": 80}, 0)
    led.set(on=True, brightness=40)
    assert (led.state(), pins.pin(22).state) == ({"on": True, "brightness": 40}, 0.4)
    led.set(on=False)
    assert (led.state(), pins.pin(22).state) == ({"on": False, "brightness": 40}, 0)
    led.set(brightness=70)  # an off light keeps its level for later, as a simulated one does
    assert (led.state(), pins.pin(22).state) == ({"on": False, "brightness": 70}, 0)
    led.set(on=True)
    assert (led.state(), pins.pin(22).state) == ({"on": True, "brightness": 70}, 0.7)


def test_led_dimmed_to_nothing_comes_on_at_full(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    led = _open(stack, world, "light.counter_lights", type="led", pin=22, pin_factory=pins)
    led.set(on=True, brightness=0)
    assert (led.state(), pins.pin(22).state) == ({"on": False, "brightness": 0}, 0)
    led.set(on=True)
    assert (led.state(), pins.pin(22).state) == ({"on": True, "brightness": 100}, 1)


def test_led_without_pwm_is_on_or_off(pins: MockFactory, stack: ExitStack, world: World) -> None:
    # The hallway light is on at 100 in the world file, so it starts lit.
    led = _open(stack, world, "light.hallway", type="led", pin=23, pwm=False, pin_factory=pins)
    assert (led.state(), pins.pin(23).state) == ({"on": True, "brightness": 100}, 1)
    with pytest.raises(ValueError, match="cannot dim .* only be 0 or 100, not 50"):
        led.set(brightness=50)
    assert pins.pin(23).state == 1  # a refused write changes nothing
    led.set(brightness=0)
    assert (led.state(), pins.pin(23).state) == ({"on": False, "brightness": 0}, 0)


def test_a_lamp_on_a_relay_is_an_on_off_light(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    # The reading lamp is at 60 in the world file: a relay can only show it as full.
    lamp = _open(stack, world, "light.reading_lamp", type="relay", pin=24, pin_factory=pins)
    assert isinstance(lamp, GPIOLight) and not lamp.dimmable
    lamp.set(on=True)
    assert (lamp.state(), pins.pin(24).state) == ({"on": True, "brightness": 100}, 1)


def test_writes_are_checked_like_a_simulated_device(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    led = _open(stack, world, "light.light_strip", type="led", pin=22, pin_factory=pins)
    with pytest.raises(ValueError, match="percentage 0-100"):
        led.set(brightness=150)
    with pytest.raises(ValueError, match="unknown light attribute 'speed'"):
        led.set(speed=3)
    with pytest.raises(ValueError, match="single-colour light"):
        led.set(color="red")
    relay = _open(stack, world, "switch.coffee_maker", type="relay", pin=17, pin_factory=pins)
    with pytest.raises(ValueError, match="expected true or false"):
        relay.set(on="yes")
    assert (led.state(), relay.state()) == ({"on": False, "brightness": 50}, {"on": False})


def test_world_restore_puts_the_pins_back(
    pins: MockFactory, stack: ExitStack, world: World
) -> None:
    stack.enter_context(_attach(world, pins))
    saved = world.checkpoint()
    world.devices["switch.coffee_maker"].set(on=True)
    world.devices["light.counter_lights"].set(on=True, brightness=30)
    assert (pins.pin(17).state, pins.pin(22).state) == (1, 0.3)
    world.restore(saved)
    assert (pins.pin(17).state, pins.pin(22).state) == (0, 0)
    assert world.devices["light.counter_lights"].state() == {"on": False, "brightness": 80}


def _attach(world: World, pins: MockFactory) -> ExitStack:
    stack = ExitStack()
    tables = {
        "devices": {
            "switch.coffee_maker": {
                "backend": "gpio",
                "type": "relay",
                "pin": 17,
                "pin_factory": pins,
            },
            "light.counter_lights": {
                "backend": "gpio",
                "type": "led",
                "pin": 22,
                "pin_factory": pins,
            },
        }
    }
    attach_configured(world, stack, tables=tables)
    return stack


def test_the_agent_switches_real_pins(pins: MockFactory, stack: ExitStack, world: World) -> None:
    stack.enter_context(_attach(world, pins))
    agent = Agent(Registry.builtin(), world)
    turn = asyncio.run(agent.handle("turn on the coffee maker"))
    assert pins.pin(17).state == 1, turn
    asyncio.run(agent.handle("set the counter lights to 40 percent"))
    assert pins.pin(22).state == 0.4
    asyncio.run(agent.handle("turn off the coffee maker"))
    assert pins.pin(17).state == 0


def test_closing_releases_the_pins(pins: MockFactory, world: World) -> None:
    with _attach(world, pins):
        pass
    again = make_device(
        world.devices["switch.fountain"], {"type": "relay", "pin": 17, "pin_factory": pins}
    )
    again.close()  # would be "already in use" had the first relay kept the pin


def test_mock_option_runs_without_a_pi(stack: ExitStack, world: World) -> None:
    led = _open(stack, world, "light.desk_lamp", type="led", pin="GPIO12", pin_factory="mock")
    led.set(on=True, brightness=25)
    assert led.state() == {"on": True, "brightness": 25}


@pytest.mark.parametrize(
    ("device_id", "options", "problem"),
    [
        ("switch.coffee_maker", {"type": "lamp", "pin": 5}, 'type must be "relay" or "led"'),
        ("switch.coffee_maker", {"type": "led", "pin": 5}, "a switch, and a GPIO led can only"),
        ("thermostat.main", {"type": "relay", "pin": 5}, "relay can only be a switch or"),
        ("switch.coffee_maker", {"type": "relay"}, "needs pin = <BCM number>"),
        ("switch.coffee_maker", {"type": "relay", "pin": True}, "pin must be a BCM number"),
        ("switch.coffee_maker", {"type": "relay", "pin": "GPIO99"}, "GPIO99 is not a valid pin"),
        ("switch.coffee_maker", {"type": "relay", "pin": 5, "pwm": True}, "a relay cannot dim"),
        ("switch.coffee_maker", {"type": "relay", "pin": 5, "activ_high": 1}, "unknown option"),
        ("switch.coffee_maker", {"type": "relay", "pin": 5, "initial": 1}, 'initial must be "on"'),
        ("switch.coffee_maker", {"type": "relay", "pin": 5, "pin_factory": "x"}, "unknown pin_f"),
    ],
)
def test_bad_config_is_one_line_naming_the_device(
    pins: MockFactory, world: World, device_id: str, options: dict[str, Any], problem: str
) -> None:
    like = world.devices[device_id]
    options = {"pin_factory": pins, **options}
    with pytest.raises(BackendError) as caught:
        make_device(like, options).close()  # closed only if a bad case were accepted
    message = str(caught.value)
    assert message.startswith(f'config [devices."{like.id}"]: ') and "\n" not in message
    assert problem in message


def test_a_pin_used_twice_is_refused(pins: MockFactory, stack: ExitStack, world: World) -> None:
    _open(stack, world, "switch.coffee_maker", type="relay", pin=17, pin_factory=pins)
    with pytest.raises(BackendError, match=r"\[devices\.\"light\.hallway\"\]: pin 'GPIO17' is al"):
        _open(stack, world, "light.hallway", type="led", pin="GPIO17", pin_factory=pins)


def _gpio_library_installed() -> bool:
    names = ("lgpio", "RPi", "pigpio")
    return any(importlib.util.find_spec(n) for n in names) or Path("/proc/device-tree").exists()


@pytest.mark.skipif(_gpio_library_installed(), reason="this machine may have GPIO")
def test_no_gpio_says_what_to_do(monkeypatch: pytest.MonkeyPatch, world: World) -> None:
    monkeypatch.delenv("GPIOZERO_PIN_FACTORY", raising=False)
    with pytest.raises(BackendError) as caught:
        make_device(world.devices["switch.coffee_maker"], {"type": "relay", "pin": 17})
    message = str(caught.value)
    assert "no GPIO on this machine (lgpio: No module named 'lgpio'" in message
    assert "install lgpio" in message and 'pin_factory = "mock"' in message
    assert "\n" not in message


def test_button_presses_reach_the_asyncio_loop(pins: MockFactory, stack: ExitStack) -> None:
    button = GPIOButton({"backend": "gpio", "pin": 26, "bounce_ms": 0, "pin_factory": pins})
    stack.callback(button.close)
    heard: list[tuple[str, bool]] = []

    async def main() -> None:
        loop_thread = threading.get_ident()
        released = asyncio.Event()

        def note(what: str) -> None:
            heard.append((what, threading.get_ident() == loop_thread))
            if what == "release":
                released.set()

        button.connect(asyncio.get_running_loop(), lambda: note("press"), lambda: note("release"))
        # gpiozero reports edges on its own thread: so does this one.
        pin = pins.pin(26)
        worker = threading.Thread(target=lambda: (pin.drive_low(), pin.drive_high()))
        worker.start()
        await asyncio.wait_for(released.wait(), 5)
        worker.join()

    assert not button.is_pressed  # pulled up: high until pressed
    asyncio.run(main())
    assert heard == [("press", True), ("release", True)]


def test_talk_button_from_config_opens_the_gate(
    pins: MockFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # Enter is read too; there is none here
    gate = TalkGate("push")
    tables = {"push_to_talk": {"backend": "gpio", "pin": "GPIO6", "pin_factory": pins}}

    async def main(button: Any) -> str:
        how = connect_talk_buttons(asyncio.get_running_loop(), gate, button)
        pins.pin(6).drive_low()
        await asyncio.sleep(0)  # the press is scheduled in the loop, not run on gpiozero's thread
        return how

    with ExitStack() as stack:
        button = open_talk_button(stack, tables)
        assert asyncio.run(main(button)) == "press the button on GPIO6 or Enter, then speak"
        pins.pin(6).drive_high()  # let go: closing a held button waits out gpiozero's hold time
    assert gate.is_open
    with pytest.raises(BackendError, match="GPIO6 is already in use|pin 'GPIO6' is already"):
        # closed with the stack: the pin is free again, so this one opens; then it is taken
        with ExitStack() as stack:
            open_talk_button(stack, tables)
            open_talk_button(stack, tables)


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"backend": "enter"}, 'backend must be "gpio"'),
        ({"backend": "gpio"}, "config [push_to_talk]: needs pin"),
        ({"backend": "gpio", "pin": 6, "bounce_ms": -1}, "bounce_ms must be"),
        ({"backend": "gpio", "pin": 6, "pull_up": "yes"}, "pull_up must be true or false"),
    ],
)
def test_bad_talk_button_config_is_one_line(
    pins: MockFactory, table: dict[str, Any], problem: str
) -> None:
    with pytest.raises(BackendError) as caught, ExitStack() as stack:
        open_talk_button(stack, {"push_to_talk": {"pin_factory": pins, **table}})
    assert problem in str(caught.value) and "\n" not in str(caught.value)


def test_chat_drives_a_relay_from_the_config_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[devices."switch.coffee_maker"]\n'
        'backend = "gpio"\ntype = "relay"\npin = 17\npin_factory = "mock"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SOTTOVOCE_CONFIG", str(config))
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("turn on the coffee maker\nis the coffee maker on\n")
    )
    world = ["--world", str(default_world_path()), "--data-dir", str(tmp_path / "data")]
    assert main(["chat", *world]) == 0
    out, err = capsys.readouterr()
    assert "real devices: switch.coffee_maker" in err
    # The second answer is read back from the mock pin that the first command drove.
    assert "coffee maker" in out.lower() and "is on" in out.lower(), out


def test_an_unquoted_world_id_gets_a_hint(world: World, stack: ExitStack) -> None:
    # [devices.switch.coffee_maker] without quotes is read by TOML as nested tables.
    tables = {"devices": {"switch": {"coffee_maker": {"backend": "gpio", "pin": 17}}}}
    with pytest.raises(BackendError, match=r'needs quotes: \[devices\."switch\.coffee_maker"\]'):
        attach_configured(world, stack, tables=tables)
