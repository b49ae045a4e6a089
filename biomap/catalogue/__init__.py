"""The shared catalogue: institutions, equipment, technologies and trainees."""
