"""The built-in tool plugins; each module exposes one `plugin`."""
