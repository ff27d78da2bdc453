print("errgen")
