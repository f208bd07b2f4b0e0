Vignobles Réunis SA adquirió 120 hectáreas de viñedos en Burdeos.
No se ha revelado el precio.
Las fincas producen unas 900.000 botellas al año, sobre todo de vino tinto.
«Burdeos sigue siendo el corazón de los grandes vinos… y de nuestra estrategia», afirmó Jean-Luc Martin, presidente.
El grupo posee ahora 14 fincas en Francia, Italia y España.
Para más información, visite el sitio web de la empresa.
La facturación del ejercicio cerrado el 30 de junio fue de 286 millones de euros.
