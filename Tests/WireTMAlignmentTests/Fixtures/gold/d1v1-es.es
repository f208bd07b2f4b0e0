Orbita Sensors, Inc. (NASDAQ: ORBS) registró en el cuarto trimestre unos ingresos de 62,4 millones de dólares, un 18 % más que un año antes; El margen bruto mejoró hasta el 41,7 %, frente al 38,2 % del mismo trimestre del año anterior.
«La demanda de los clientes del sector automovilístico en EE. UU. y Europa se mantuvo firme», afirmó la Dra. Helen K. Marsh, consejera delegada.
Orbita celebrará hoy una conferencia telefónica a las 14:00, hora del Pacífico; La empresa tiene su sede en San José, California.
