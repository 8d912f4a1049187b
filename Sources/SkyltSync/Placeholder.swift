// placeholder until the sync module lands
