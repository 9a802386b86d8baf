"""A headless Streamlit client that speaks the app's websocket protocol directly.

It does what the browser's frontend does, minus the drawing:

1. connects to ``ws://HOST:PORT/_stcore/stream`` (subprotocol ``streamlit``);
2. sends a ``BackMsg.rerun_script`` (a ``ClientState``: query string, page
   script hash, widget states, context info) and reads ``ForwardMsg`` frames
   until ``script_finished``;
3. remembers every widget it has seen in the ``delta`` messages, by the user
   key carried in the widget id (``$$ID-<hash>-<key>``), with the value the
   frontend would hold: the element's default, or the value the server set
   (``set_value``); a change is a new ``rerun_script`` carrying every widget's
   current value, as the frontend sends it.

No cached message hashes are advertised, so the server sends every element
in full (no ``ref_hash`` references): bytes per run are the whole payload.
Websocket compression is off by default in Streamlit (and not offered here),
so the payload bytes are what crosses the wire, give or take frame headers.

Widgets are found by key at run time, never by position: the page may gain or
lose widgets without this client changing.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id
from websockets.asyncio.client import ClientConnection, connect

STREAM_PATH = "/_stcore/stream"
FINISHED_SUCCESSFULLY = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FINISHED_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


class ProtocolError(RuntimeError):
    """The server answered in a way the browser would also treat as broken."""


@dataclass
class TrackedWidget:
    """A widget as the frontend holds it: where its value goes and what it is."""

    widget_id: str
    user_key: str | None
    element_type: str  # "radio", "checkbox", ... (the Element oneof name)
    value_field: str  # the WidgetState oneof field: "string_value", "bool_value" ...
    value: Any  # None: the frontend has no value yet, and sends none
    options: list[str] = field(default_factory=list)  # formatted option labels, where the widget has them


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float  # rerun_script sent -> script_finished received
    bytes_received: int  # binary frame payloads received in that window
    frames: int
    exceptions: list[str]  # st.exception elements the script produced


def _options_of(element: Any, element_type: str) -> list[str]:
    if element_type == "button_group":
        return [option.content for option in element.options]
    return list(element.options) if hasattr(element, "options") else []


def _initial_value(element: Any, element_type: str, options: list[str]) -> Any:
    """The value the frontend starts a freshly drawn widget with."""
    if element_type in ("radio", "selectbox"):
        if element.HasField("raw_value"):
            return element.raw_value
        return options[element.default] if element.HasField("default") and element.default < len(options) else None
    if element_type == "checkbox":
        return bool(element.default)
    if element_type == "multiselect":
        return [options[i] for i in element.default if i < len(options)]
    if element_type == "button_group":
        return [options[i] for i in element.default if i < len(options)]
    if element_type in ("text_input", "text_area"):
        return element.default if element.HasField("default") else None
    return None


def _value_set_by_server(element: Any, element_type: str) -> Any:
    """The value carried by an element whose ``set_value`` flag is on."""
    if element_type in ("radio", "selectbox"):
        return element.raw_value if element.HasField("raw_value") else None
    if element_type == "checkbox":
        return bool(element.value)
    if element_type in ("multiselect", "button_group"):
        return list(element.raw_values)
    if element_type in ("text_input", "text_area"):
        return element.value if element.HasField("value") else None
    return None


# Widget element types this client can hold a value for, and the WidgetState
# field each uses (from the widgets' register_widget(value_type=...) calls in
# streamlit/elements/widgets). Other widgets (charts with selections, buttons)
# send nothing until a user acts on them, as in the browser.
VALUE_FIELDS: dict[str, str] = {
    "radio": "string_value",
    "selectbox": "string_value",
    "checkbox": "bool_value",
    "multiselect": "string_array_value",
    "button_group": "string_array_value",
    "text_input": "string_value",
    "text_area": "string_value",
}


def _option_label(widget: TrackedWidget, value: str) -> str:
    wanted = value.strip().lower()
    for label in widget.options:
        if label.strip().lower() == wanted:
            return label
    raise ValueError(f"{value!r} is not an option of {widget.user_key!r}: {widget.options}")


class StreamlitSession:
    """One browser tab's worth of protocol: connect, run, change widgets by key."""

    def __init__(self, host: str, port: int, *, timeout_s: float = 120.0, color_scheme: str = "light",
                 cookie: str | None = None) -> None:
        self.url = f"ws://{host}:{port}{STREAM_PATH}"
        self.cookie = cookie  # sent with the websocket handshake, as a browser sends its cookies
        self.timeout_s = timeout_s
        self.color_scheme = color_scheme
        self.widgets: dict[str, TrackedWidget] = {}
        self.page_script_hash = ""
        self.query_string = ""
        self._ws: ClientConnection | None = None

    async def __aenter__(self) -> StreamlitSession:
        await self.connect()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def connect(self) -> None:
        # proxy=None: loopback only, whatever the environment says.
        self._ws = await connect(self.url, subprotocols=["streamlit"], compression=None, max_size=None,
                                 proxy=None, open_timeout=self.timeout_s, ping_interval=None,
                                 additional_headers={"Cookie": self.cookie} if self.cookie else None)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # ------------------------------------------------------------------ runs
    async def load(self, query_string: str = "") -> RunResult:
        """The first run of a page, as a browser tab opening the app."""
        self.query_string = query_string
        return await self._rerun()

    async def change(self, user_key: str, value: Any) -> RunResult:
        """Set a widget (found by its key) as a user would, and rerun."""
        widget = self.widget(user_key)
        widget.value = self._resolve(widget, value)
        return await self._rerun()

    def widget(self, user_key: str) -> TrackedWidget:
        for widget in self.widgets.values():
            if widget.user_key == user_key:
                return widget
        known = sorted(w.user_key for w in self.widgets.values() if w.user_key)
        raise KeyError(f"no widget with key {user_key!r} on the page; keys seen: {', '.join(known)}")

    def has_widget(self, user_key: str) -> bool:
        return any(widget.user_key == user_key for widget in self.widgets.values())

    @staticmethod
    def _resolve(widget: TrackedWidget, value: Any) -> Any:
        """Map a wanted value onto the widget's own option labels (case and
        spacing forgiven), so callers can say "posterior" for "Posterior";
        for multi-value widgets a single wanted value becomes a one-item list."""
        if not widget.options:
            return value
        if widget.value_field == "string_value" and isinstance(value, str):
            return _option_label(widget, value)
        if widget.value_field == "string_array_value":
            wanted = [value] if isinstance(value, str) else list(value)
            return [_option_label(widget, item) for item in wanted]
        return value

    def _client_state(self) -> ClientState:
        state = ClientState(query_string=self.query_string, page_script_hash=self.page_script_hash)
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.color_scheme = self.color_scheme
        for widget in self.widgets.values():
            if widget.value is None:
                continue
            proto = WidgetState(id=widget.widget_id)
            if widget.value_field == "string_array_value":
                proto.string_array_value.data.extend(widget.value)
            else:
                setattr(proto, widget.value_field, widget.value)
            state.widget_states.widgets.append(proto)
        return state

    async def _rerun(self) -> RunResult:
        if self._ws is None:
            raise ProtocolError("not connected")
        message = BackMsg()
        message.rerun_script.CopyFrom(self._client_state())
        started = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        try:
            return await asyncio.wait_for(self._read_until_finished(started), self.timeout_s)
        except TimeoutError as exc:
            raise ProtocolError(f"no script_finished within {self.timeout_s:.1f} s") from exc

    async def _read_until_finished(self, started: float) -> RunResult:
        assert self._ws is not None
        received = 0
        frames = 0
        exceptions: list[str] = []
        seen_widget_ids: set[str] = set()
        while True:
            data = await self._ws.recv()
            if isinstance(data, str):
                raise ProtocolError("text frame received; Streamlit sends binary protobufs")
            received += len(data)
            frames += 1
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = message.new_session.page_script_hash
            elif kind == "delta":
                self._take_delta(message, exceptions, seen_widget_ids)
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "ref_hash":
                raise ProtocolError("server sent a cached-message reference though none was advertised")
            elif kind == "script_finished":
                if message.script_finished == FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun(): the same request carries on with a fresh run
                if message.script_finished != FINISHED_SUCCESSFULLY:
                    name = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
                    raise ProtocolError(f"script finished with {name}")
                # As the frontend does: widgets not drawn in this run are gone.
                self.widgets = {wid: w for wid, w in self.widgets.items() if wid in seen_widget_ids}
                return RunResult(seconds=time.perf_counter() - started, bytes_received=received,
                                 frames=frames, exceptions=exceptions)

    def _take_delta(self, message: ForwardMsg, exceptions: list[str], seen_widget_ids: set[str]) -> None:
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element_type = delta.new_element.WhichOneof("type")
        element = getattr(delta.new_element, element_type)
        if element_type == "exception":
            exceptions.append(f"{element.type}: {element.message}")
            return
        value_field = VALUE_FIELDS.get(element_type)
        if value_field is None or not getattr(element, "id", ""):
            return
        seen_widget_ids.add(element.id)
        options = _options_of(element, element_type)
        widget = self.widgets.get(element.id)
        if widget is None:
            widget = TrackedWidget(widget_id=element.id, user_key=user_key_from_element_id(element.id),
                                   element_type=element_type, value_field=value_field,
                                   value=_initial_value(element, element_type, options), options=options)
            self.widgets[element.id] = widget
        widget.options = options
        if getattr(element, "set_value", False):
            widget.value = _value_set_by_server(element, element_type)
