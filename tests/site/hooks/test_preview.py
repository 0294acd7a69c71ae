"""The live preview's mkdocs hooks (site/hooks/preview.py): each hands its
event to `banque servir`'s object found in the settings, or does nothing.
With the real object and mkdocs' own config: test_live.py."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from banque.site.hooks import preview


class Served:
    """Stands for site/live.py's LivePreview: records what the hooks ask."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def configure(self, config):
        self.calls.append(("configure", config))

    def watch(self, server, config):
        self.calls.append(("watch", server, config))

    def before_build(self, config):
        self.calls.append(("before_build", config))

    def after_build(self, config):
        self.calls.append(("after_build", config))


@pytest.fixture
def served() -> Served:
    return Served()


def config_with(live: Served | None) -> SimpleNamespace:
    return SimpleNamespace(extra={"banque": {}} | ({preview.KEY: live} if live is not None else {}))


def test_the_object_is_found_under_its_key(served):
    assert preview.served(config_with(served)) is served
    assert preview.served(config_with(None)) is None


def test_each_event_reaches_the_object(served):
    config, server = config_with(served), object()
    assert preview.on_config(config) is config
    assert preview.on_serve(server, config, builder=lambda: None) is server
    preview.on_pre_build(config)
    preview.on_post_build(config)
    assert served.calls == [("configure", config), ("watch", server, config), ("before_build", config), ("after_build", config)]


def test_without_the_object_every_hook_passes_through():
    config, server = config_with(None), object()
    assert preview.on_config(config) is config and config.extra == {"banque": {}}
    assert preview.on_serve(server, config, builder=None) is server
    assert preview.on_pre_build(config) is None and preview.on_post_build(config) is None
