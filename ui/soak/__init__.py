"""The soak: the real kiosk offscreen, driven by simulated residents through random journeys
while devices fault, the network drops and the platform answers late; then a verdict on
what it left behind (`python -m kiosk soak`, `python -m bench soak`)."""
