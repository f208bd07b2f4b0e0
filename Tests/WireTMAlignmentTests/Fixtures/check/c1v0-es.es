Kessler Antriebe AG (XETRA: KSA) registró en el primer trimestre pedidos por valor de 1.360 millones de euros, un 9 % más que un año antes.
El margen EBIT cayó al 7,8 %, sobre todo por la subida de los precios del acero.
¿Ha terminado la desaceleración en China?
«Vemos las primeras señales de recuperación en Asia», dijo el Sr. Tobias Brandt, director financiero.
El grupo confirmó sus previsiones para 2025 y publicará los resultados semestrales el 7 de agosto; Kessler emplea a unas 11.500 personas en 23 países.
