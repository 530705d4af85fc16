"""Cameras (OpenCV) and folders of images standing in for one."""
