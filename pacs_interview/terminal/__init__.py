"""Everything that touches the terminal: Rich consoles and rendering, the editor, plain piped input.

The only package (apart from the cli) that may import rich or prompt_toolkit.
"""
