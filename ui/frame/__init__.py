"""The frame every screen shares, built once and never rebuilt: the top bar, the title row,
the bottom bar (back, home, help, end in fixed places), the display modes (in the bottom bar
in portrait, a side rail in landscape) and the idle warning over everything. Each part
updates only its own widgets when the state fields it shows change."""
