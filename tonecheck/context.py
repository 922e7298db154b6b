"""What the linter knows about the reply besides its text."""

from __future__ import annotations

from dataclasses import dataclass

CHANNELS = ("chat", "email", "sms", "social")


@dataclass(frozen=True, slots=True)
class Context:
    customer_name: str | None = None
    customer_message: str | None = None
    channel: str = "chat"
    followup: bool = False
    first_contact: bool = False

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"неизвестный канал {self.channel!r}: ожидается один из {', '.join(CHANNELS)}")
