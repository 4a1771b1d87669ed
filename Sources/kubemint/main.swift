print("kubemint")
