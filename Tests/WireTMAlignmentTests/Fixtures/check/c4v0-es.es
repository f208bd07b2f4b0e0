Pastificio Valtorre S.p.A. obtuvo en el semestre un beneficio neto de 21,3 millones de euros, un 4 % menos que en 2024.
Los precios del trigo duro se mantuvieron altos durante todo el periodo; Las ventas en Norteamérica, es decir, EE. UU. y Canadá, aumentaron un 12 %.
«Nuestra nueva planta de Foggia empezará a producir en octubre», afirmó la Sra. Giulia Ferri, consejera delegada.
